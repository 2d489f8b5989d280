import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import SettingsPage from './settings-page';

const account = {
  ...signedInUser,
  bio: '',
  school: null,
  coursesOfStudy: [],
  status: 'active',
  emailVerified: true,
  twoFactorEnabled: false,
  createdAt: '2026-11-01T00:00:00.000Z',
};

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

  it('when I set up two-step sign-in, then the QR code and key come first, and the first code turns it on and shows the recovery codes once', async () => {
    givenSession(signedInUser);
    const recoveryCodes = Array.from({ length: 10 }, (_, i) => `aaaa-bbbb-cccc-dd${'abcdefghij'[i]}${'abcdefghij'[i]}`);
    let confirmed: unknown;
    server.use(
      http.get('/api/users/me', () => HttpResponse.json(confirmed ? { ...account, twoFactorEnabled: true } : account)),
      http.post('/api/users/me/two-factor', () =>
        HttpResponse.json({
          key: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          uri: 'otpauth://totp/x',
          qrCode: 'data:image/svg+xml;base64,PHN2Zy8+',
        }),
      ),
      http.post('/api/users/me/two-factor/confirm', async ({ request }) => {
        confirmed = await request.json();
        return HttpResponse.json({ recoveryCodes });
      }),
    );
    renderPage([{ path: '/settings', element: <SettingsPage /> }], '/settings');
    await userEvent.click(await screen.findByRole('button', { name: 'Set up two-step sign-in' }));
    expect(await screen.findByRole('img', { name: 'QR code for your authenticator app' })).toHaveAttribute(
      'src',
      'data:image/svg+xml;base64,PHN2Zy8+',
    );
    expect(screen.getByLabelText('Key for your authenticator app')).toHaveTextContent('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    await userEvent.type(screen.getByLabelText('Code from the app'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(list.querySelectorAll('li')).toHaveLength(10);
    expect(confirmed).toEqual({ code: '123456' });
  });

  it('when my email is not confirmed, then Settings says so and sends the link again', async () => {
    givenSession(signedInUser);
    let resent = 0;
    server.use(
      http.get('/api/users/me', () => HttpResponse.json({ ...account, emailVerified: false })),
      http.post('/api/users/me/email-verification', () => {
        resent += 1;
        return HttpResponse.json({ accepted: true }, { status: 202 });
      }),
    );
    renderPage([{ path: '/settings', element: <SettingsPage /> }], '/settings');
    expect(await screen.findByText('Not confirmed')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByText('We sent a new link to ana@example.test')).toBeInTheDocument();
    expect(resent).toBe(1);
  });
});
