// Routes; every page but the shell is its own chunk, loaded when first visited.
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router';
import { isId } from '../components/page-state';
import { RequireAuth } from '../components/require-auth';
import { hasAccessToken, silentSignIn } from '../lib/api-client';
import { coursesQuery } from '../lib/catalog';
import { unreadQuery } from '../features/notifications/api/inbox';
import { awaitingReviewQuery, myBookingsQuery } from '../features/tutoring/api/bookings';
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
 * route's loader beside loading it); the page's own queries then find them in the cache, or still on their way. As
 * it is, for public answers that are the same for everyone; `prefetchSignedIn` waits for the sign-in first.
 */
const prefetch = (ask: (client: QueryClient, args: LoaderFunctionArgs) => Array<Promise<void>>) => ({
  loader: (args: LoaderFunctionArgs) => {
    void Promise.all(ask(queryClient, args));
    return null;
  },
});

/**
 * The silent sign-in, started as the app's code runs, beside the first page's code and before anything renders. The
 * auth provider takes its answer, and the loaders below wait for it.
 */
export const firstSession = silentSignIn();

/**
 * A signed-in person's answers, asked for as soon as the silent sign-in answers (or at once, later in the visit),
 * instead of once the page has rendered and its effects run. Nothing is asked for anyone not signed in.
 */
const prefetchSignedIn = (ask: (client: QueryClient) => Array<Promise<void>>) =>
  prefetch((client) => [
    firstSession.then(async () => {
      if (hasAccessToken()) await Promise.all(ask(client));
    }),
  ]);

export const router = createBrowserRouter([
  {
    element: <Layout />,
    // Nothing is drawn until the first page's code is in. Drawing the frame first measured worse on a phone: a second
    // render and layout pass, and more blocking time on three of four pages.
    HydrateFallback: () => null,
    // the navigation's inbox badge, on every page
    ...prefetchSignedIn((client) => [client.prefetchQuery(unreadQuery)]),
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
      {
        path: '/sessions',
        ...page(() => import('../features/tutoring/components/my-sessions-page'), 'user'),
        // the catalog too: the cards name each session's course, and would otherwise draw a second time when it came
        ...prefetchSignedIn((client) => [
          client.prefetchQuery(myBookingsQuery('upcoming')),
          client.prefetchQuery(awaitingReviewQuery),
          client.prefetchQuery(coursesQuery),
        ]),
      },
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
