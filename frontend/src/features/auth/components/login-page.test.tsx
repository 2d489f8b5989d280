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
    await userEvent.type(await screen.findByLabelText('Email'), 'ana@example.test');
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
    await userEvent.type(await screen.findByLabelText('Email'), 'ana@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(sent).toEqual({ email: 'ana@example.test', password: 'correct horse battery' });
  });

  it('when the account has two-step sign-in, then a code follows the password, and a recovery code works instead', async () => {
    givenSession(null);
    const steps: unknown[] = [];
    server.use(
      http.post('/api/users/auth/login', () =>
        HttpResponse.json({ secondFactorRequired: true, challenge: 'c'.repeat(43), expiresIn: 300 }),
      ),
      http.post('/api/users/auth/login/second-step', async ({ request }) => {
        const body = (await request.json()) as { code?: string };
        steps.push(body);
        if (body.code === '111111') {
          return HttpResponse.json(
            { error: { code: 'invalid-code', message: 'That code is not right', requestId: 'r-1' } },
            { status: 401 },
          );
        }
        return HttpResponse.json({ accessToken: 't', tokenType: 'Bearer', expiresIn: 900, user: signedInUser });
      }),
    );
    const { router } = renderPage([{ path: '/login', element: <LoginPage /> }], '/login?next=/settings');
    await userEvent.type(await screen.findByLabelText('Email'), 'ana@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('heading', { name: 'Two-step sign-in' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), '111111');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('That code is not right')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Use a recovery code' }));
    await userEvent.type(screen.getByLabelText('Recovery code'), 'abcd-efgh-ijkl-mnop');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/settings'));
    expect(steps).toEqual([
      { challenge: 'c'.repeat(43), code: '111111' },
      { challenge: 'c'.repeat(43), recoveryCode: 'abcd-efgh-ijkl-mnop' },
    ]);
  });
});
