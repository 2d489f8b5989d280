// /verify-email#<token>: confirms an address from the emailed link. The token travels in the fragment, which
// browsers never send to a server or in a Referer. A signed-in browser renews its session so the new access token
// says the email is confirmed.
import { useEffect, useRef } from 'react';
import Alert from 'react-bootstrap/Alert';
import { Link, useLocation } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, refreshSession } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { verifyEmail } from '../api/auth';

export default function VerifyEmailPage() {
  const token = useLocation().hash.slice(1);
  const { user, signIn } = useAuth();
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: verifyEmail,
    onSuccess: async () => {
      if (!user) return;
      const session = await refreshSession();
      if (session) signIn(session);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const valid = /^[A-Za-z0-9_-]{43}$/.test(token);
  const { mutate } = verify;
  // a link works once: never follow it twice, even when an effect runs again
  const followed = useRef(false);
  useEffect(() => {
    if (!valid || followed.current) return;
    followed.current = true;
    mutate(token);
  }, [valid, token, mutate]);
  return (
    <section className="mx-auto my-4" style={{ maxWidth: 480 }}>
      <h1 className="h3 mb-3">Confirm your email</h1>
      {!valid && (
        <p>
          This link is not complete. Open the link from the email again, or ask for a new one in <Link to="/settings">Settings</Link>.
        </p>
      )}
      {verify.isPending && <p role="status">Confirming…</p>}
      {verify.isSuccess && (
        <Alert variant="success" role="status">
          {verify.data.email} is confirmed. You can book tutors and tutor yourself. <Link to={user ? '/' : '/login'}>Go on</Link>
        </Alert>
      )}
      {verify.error && (
        <Alert variant="danger">
          {errorMessage(verify.error)} You can ask for a new link in <Link to="/settings">Settings</Link>.
        </Alert>
      )}
    </section>
  );
}
