// Routes; every page but the shell is its own chunk, loaded when first visited.
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router';
import { isId } from '../components/page-state';
import { RequireAuth } from '../components/require-auth';
import { coursesQuery } from '../lib/catalog';
import { reviewsQuery, tutorQuery, tutorSearchQuery } from '../features/tutoring/api/tutors';
import { Layout } from './layout';
import { queryClient } from './query-client';

const page = (load: () => Promise<{ default: React.ComponentType }>, guard?: 'user' | 'admin') => ({
  lazy: async () => {
    const { default: Page } = await load();
    return {
      Component: guard
        ? () => (
            <RequireAuth admin={guard === 'admin'}>
              <Page />
            </RequireAuth>
          )
        : Page,
    };
  },
});

/**
 * The answers a page shows first, asked for while its code downloads instead of once it has run (the router runs a
 * route's loader beside loading it). Only public answers that are the same for everyone, so that nobody has to be
 * signed in first; the page's own queries then find them in the cache, or still on their way.
 */
const prefetch = (ask: (client: QueryClient, args: LoaderFunctionArgs) => Array<Promise<void>>) => ({
  loader: (args: LoaderFunctionArgs) => {
    void Promise.all(ask(queryClient, args));
    return null;
  },
});

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', ...page(() => import('./home-page')) },
      { path: '/login', ...page(() => import('../features/auth/components/login-page')) },
      { path: '/register', ...page(() => import('../features/auth/components/register-page')) },
      { path: '/forgot-password', ...page(() => import('../features/auth/components/forgot-password-page')) },
      { path: '/reset-password', ...page(() => import('../features/auth/components/reset-password-page')) },
      { path: '/verify-email', ...page(() => import('../features/auth/components/verify-email-page')) },
      { path: '/welcome', ...page(() => import('./welcome-page'), 'user') },
      { path: '/settings', ...page(() => import('../features/auth/components/settings-page'), 'user') },
      { path: '/notifications', ...page(() => import('../features/notifications/components/inbox-page'), 'user') },
      { path: '/unsubscribe/:token/:type', ...page(() => import('../features/notifications/components/unsubscribe-page')) },
      {
        path: '/tutors',
        ...page(() => import('../features/tutoring/components/search-page')),
        ...prefetch((client, { request }) => [
          client.prefetchQuery(tutorSearchQuery(new URL(request.url).searchParams)),
          client.prefetchQuery(coursesQuery),
        ]),
      },
      {
        path: '/tutors/:tutorId',
        ...page(() => import('../features/tutoring/components/tutor-page')),
        ...prefetch((client, { params: { tutorId = '' } }) =>
          isId(tutorId)
            ? [client.prefetchQuery(tutorQuery(tutorId)), client.prefetchQuery(reviewsQuery(tutorId)), client.prefetchQuery(coursesQuery)]
            : [],
        ),
      },
      { path: '/sessions', ...page(() => import('../features/tutoring/components/my-sessions-page'), 'user') },
      { path: '/sessions/:bookingId', ...page(() => import('../features/tutoring/components/booking-confirmation-page'), 'user') },
      { path: '/tutoring', ...page(() => import('../features/tutoring/components/tutor-dashboard-page'), 'user') },
      { path: '/groups', ...page(() => import('../features/groups/components/groups-page')) },
      { path: '/groups/new', ...page(() => import('../features/groups/components/new-group-page'), 'user') },
      { path: '/groups/:groupId', ...page(() => import('../features/groups/components/group-page')) },
      { path: '/admin', ...page(() => import('../features/admin/components/admin-page'), 'admin') },
      { path: '*', ...page(() => import('./not-found-page')) },
    ],
  },
]);
