import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { renderPage, signedInUser, givenSession } from '../../../testing/render';
import WelcomePage from '../../../app/welcome-page';
import RegisterPage from './register-page';

async function signUp(address: string) {
  givenSession(null);
  server.use(
    http.post('/api/users/auth/register', () =>
      HttpResponse.json({ accessToken: 't', tokenType: 'Bearer', expiresIn: 900, user: signedInUser }, { status: 201 }),
    ),
  );
  const rendered = renderPage(
    [
      { path: '/register', element: <RegisterPage /> },
      { path: '/welcome', element: <WelcomePage /> },
    ],
    address,
  );
  await userEvent.type(await screen.findByLabelText('Your name'), 'Ana');
  await userEvent.type(screen.getByLabelText('Email'), 'ana@example.test');
  await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
  await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
  return rendered;
}

describe('signing up', () => {
  it('when someone signs up, then a welcome page offers a first step instead of the marketing page', async () => {
    await signUp('/register');
    const heading = await screen.findByRole('heading', { name: 'Welcome, Ana' });
    expect(heading).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Get help with a course' })).toHaveAttribute('href', '/tutors');
    expect(screen.getByRole('link', { name: 'Study with others' })).toHaveAttribute('href', '/groups');
    expect(screen.getByRole('link', { name: 'Tutor a course you know' })).toHaveAttribute('href', '/tutoring');
  });

  it('when they came to do something, then they go back to it', async () => {
    const { router } = await signUp('/register?next=/tutors/abc');
    await waitFor(() => expect(router.state.location.pathname).toBe('/tutors/abc'));
  });
});
