// Renders a page as the app would: query client, auth (silent sign-in through the MSW-faked refresh), toasts
// and a memory router at `path`.
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '../app/providers';
import { sessionHint } from '../lib/api-client';
import { AfterSignIn } from '../lib/auth';
import { server } from './server';

export const signedInUser = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@example.test',
  displayName: 'Ana',
  role: 'student' as 'student' | 'admin',
  timezone: 'Asia/Tokyo',
};

/** The refresh cookie: a session for `user`, or none. */
export function givenSession(user: typeof signedInUser | null) {
  // a browser that signed in before keeps this mark; with none, the app does not ask for a refresh
  sessionHint.set(user !== null);
  server.use(
    http.post('/api/users/auth/refresh', () =>
      user
        ? HttpResponse.json({ accessToken: 'token-1', tokenType: 'Bearer', expiresIn: 900, user })
        : HttpResponse.json({ error: { code: 'refresh-invalid', message: 'No session', requestId: 'r' } }, { status: 401 }),
    ),
  );
}

/**
 * Draws routes in the app's providers. Like the app's frame (app/layout.tsx), a page is drawn once the silent sign-in
 * has answered; the frame's own tests draw it from the start (`waitForSignIn: false`), to see what it shows before.
 */
export function renderPage(routes: Array<{ path: string; element: React.ReactNode }>, path: string, { waitForSignIn = true } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [
      ...routes.map((route) => (waitForSignIn ? { ...route, element: <AfterSignIn>{route.element}</AfterSignIn> } : route)),
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [path] },
  );
  const result = render(
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, router };
}
