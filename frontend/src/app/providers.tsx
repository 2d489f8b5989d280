// What every page needs around it: server state, who is signed in, and toasts. Tests wrap pages in the same.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ToastProvider } from '../components/toasts';
import type { Session } from '../lib/api-client';
import { AuthProvider } from '../lib/auth';

export function AppProviders({
  client,
  firstSession,
  children,
}: {
  client: QueryClient;
  firstSession?: Promise<Session | null>;
  children: React.ReactNode;
}) {
  return (
    <QueryClientProvider client={client}>
      <AuthProvider firstSession={firstSession}>
        <ToastProvider>{children}</ToastProvider>
      </AuthProvider>
    </QueryClientProvider>
  );
}
