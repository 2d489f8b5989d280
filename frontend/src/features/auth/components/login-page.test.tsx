import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { renderPage, signedInUser, givenSession } from '../../../testing/render';
import LoginPage from './login-page';

describe('the login page', () => {
  it('when the password is wrong, then the API’s sentence is shown, never its JSON', async () => {
    givenSession(null);
    server.use(
      http.post('/api/users/auth/login', () =>
        HttpResponse.json(
          { error: { code: 'invalid-credentials', message: 'Wrong email or password', requestId: 'r-9' } },
          { status: 401 },
        ),
      ),
    );
    renderPage([{ path: '/login', element: <LoginPage /> }], '/login');
    await userEvent.type(screen.getByLabelText('Email'), 'ana@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'not it at all');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Wrong email or password')).toBeInTheDocument();
    expect(screen.queryByText(/requestId|invalid-credentials/)).not.toBeInTheDocument();
  });

  it('when the login works, then the person lands where they were going, and only inside the app', async () => {
    givenSession(null);
    let sent: unknown;
    server.use(
      http.post('/api/users/auth/login', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ accessToken: 't', tokenType: 'Bearer', expiresIn: 900, user: signedInUser });
      }),
    );
    const { router } = renderPage([{ path: '/login', element: <LoginPage /> }], '/login?next=//evil.example');
    await userEvent.type(screen.getByLabelText('Email'), 'ana@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(sent).toEqual({ email: 'ana@example.test', password: 'correct horse battery' });
  });
});
