import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import SettingsPage from './settings-page';

const account = { ...signedInUser, bio: '', school: null, coursesOfStudy: [], status: 'active', createdAt: '2026-11-01T00:00:00.000Z' };

describe('profile and settings', () => {
  it('when I change my time zone, then only that is sent and the app uses it at once', async () => {
    givenSession(signedInUser);
    let sent: Record<string, unknown> | undefined;
    server.use(
      http.get('/api/users/me', () => HttpResponse.json(account)),
      http.patch('/api/users/me', async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ ...account, timezone: sent.timezone });
      }),
    );
    renderPage([{ path: '/settings', element: <SettingsPage /> }], '/settings');
    const zone = await screen.findByLabelText('Time zone (all times are shown in it)');
    expect(zone).toHaveValue('Asia/Tokyo');
    await userEvent.selectOptions(zone, 'America/Sao_Paulo');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Your profile is saved')).toBeInTheDocument();
    expect(sent).toMatchObject({ timezone: 'America/Sao_Paulo', displayName: 'Ana' });
  });
});
