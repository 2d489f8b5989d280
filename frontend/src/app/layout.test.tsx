import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { browserTimeZone } from '../lib/time';
import { givenSession, renderPage, signedInUser } from '../testing/render';
import { server } from '../testing/server';
import { Layout } from './layout';

/** The frame itself, drawn from the start: it is what waits for the sign-in. */
const renderFrame = () => renderPage([{ path: '/', element: <Layout /> }], '/', { waitForSignIn: false });

describe('the frame of every page', () => {
  it('when a signed-in person loads a page, then the navigation shows their name without offering "Log in" first, and the footer names their zone', async () => {
    givenSession(signedInUser);
    server.use(http.get('/api/notifications/notifications/unread-count', () => HttpResponse.json({ unread: 0 })));
    renderFrame();

    // before the silent sign-in answers, neither who is signed in nor their zone is known
    expect(screen.queryByRole('link', { name: 'Log in' })).toBeNull();
    expect(screen.queryByText(/Times are shown/)).toBeNull();
    expect(await screen.findByRole('link', { name: 'Ana' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Log in' })).toBeNull();
    expect(screen.getByText('Times are shown in Asia/Tokyo.')).toBeTruthy();
  });

  it('when a visitor loads a page, then it offers to log in and sign up, and the footer names the browser zone', async () => {
    givenSession(null);
    renderFrame();

    expect(await screen.findByRole('link', { name: 'Log in' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sign up' })).toBeTruthy();
    expect(screen.getByText(`Times are shown in ${browserTimeZone().replaceAll('_', ' ')}.`)).toBeTruthy();
  });
});
