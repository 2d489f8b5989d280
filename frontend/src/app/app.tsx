// The web app: providers around the router.
import { RouterProvider } from 'react-router';
import { AppProviders } from './providers';
import { queryClient } from './query-client';
import { firstSession, router } from './router';

export function App() {
  return (
    <AppProviders client={queryClient} firstSession={firstSession}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
