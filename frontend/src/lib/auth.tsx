// Who is signed in. On load the refresh cookie is tried once (silent sign-in); the API client renews the access
// token when it expires and tells us when the session is over.
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiRequest, sessionHint, setAccessToken, silentSignIn, whenSignedOut, type Session } from './api-client';
import { browserTimeZone } from './time';

const logOut = () => apiRequest('/api/users/auth/logout', { method: 'POST', headers: { 'x-csrf-protection': '1' } });

export type SignedInUser = Session['user'];

interface AuthState {
  user: SignedInUser | null;
  /** False until the silent sign-in has been tried. */
  ready: boolean;
  /** The zone times are shown in: the account's, or the browser's when signed out. */
  timeZone: string;
  signIn(session: Session): void;
  signOut(): Promise<void>;
  update(user: Partial<SignedInUser>): void;
}

const AuthContext = createContext<AuthState | null>(null);

/** `firstSession`: the silent sign-in, when the app started it before rendering; otherwise the provider starts it. */
export function AuthProvider({ firstSession, children }: { firstSession?: Promise<Session | null>; children: React.ReactNode }) {
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [ready, setReady] = useState(false);
  const queryClient = useQueryClient();

  useEffect(() => {
    whenSignedOut(() => setUser(null));
    let live = true;
    void (firstSession ?? silentSignIn()).then((session) => {
      if (!live) return;
      // This answer draws the page (the frame waits for it): in a transition, React draws it in slices of a few
      // milliseconds, and a tap meanwhile is answered at once, not after the whole page.
      startTransition(() => {
        if (session) setUser(session.user);
        setReady(true);
      });
    });
    return () => {
      live = false;
    };
  }, [firstSession]);

  const signIn = useCallback((session: Session) => {
    sessionHint.set(true);
    setAccessToken(session.accessToken);
    setUser(session.user);
  }, []);
  const signOut = useCallback(async () => {
    await logOut().catch(() => undefined);
    sessionHint.set(false);
    setAccessToken(null);
    setUser(null);
    queryClient.clear();
  }, [queryClient]);
  const update = useCallback((changes: Partial<SignedInUser>) => setUser((u) => (u ? { ...u, ...changes } : u)), []);

  const value = useMemo(
    () => ({ user, ready, timeZone: user?.timezone ?? browserTimeZone(), signIn, signOut, update }),
    [user, ready, signIn, signOut, update],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Draws its children once the silent sign-in has answered, so that they are drawn, and fetch, as the right person. */
export function AfterSignIn({ pending = null, children }: { pending?: React.ReactNode; children: React.ReactNode }) {
  return useAuth().ready ? children : pending;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthProvider');
  return auth;
}
