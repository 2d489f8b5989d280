// The web app: providers around the router.
import { RouterProvider } from 'react-router';
import { AppProviders } from './providers';
import { queryClient } from './query-client';
import { router } from './router';

export function App() {
  return (
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
