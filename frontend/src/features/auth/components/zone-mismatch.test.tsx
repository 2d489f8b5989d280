import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import { useAuth } from '../../../lib/auth';
import { browserTimeZone } from '../../../lib/time';
import { ZoneMismatch } from './zone-mismatch';

function Page() {
  const { timeZone } = useAuth();
  return (
    <>
      <ZoneMismatch />
      <p>Shown in {timeZone}</p>
    </>
  );
}

describe('a device in another zone than the account', () => {
  beforeEach(() => localStorage.removeItem('zone-kept'));
  const device = browserTimeZone();

  it('when I choose the device’s zone, then the account takes it and times follow at once', async () => {
    givenSession(signedInUser); // Asia/Tokyo, the device is not
    let sent: unknown;
    server.use(
      http.patch('/api/users/me', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ ...signedInUser, timezone: device });
      }),
    );
    renderPage([{ path: '/', element: <Page /> }], '/');
    expect(await screen.findByText(/This device is set to/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: `Use ${device.replaceAll('_', ' ')}` }));
    expect(await screen.findByText(`Shown in ${device}`)).toBeInTheDocument();
    expect(sent).toEqual({ timezone: device });
    expect(screen.queryByText(/This device is set to/)).not.toBeInTheDocument();
  });

  it('when I keep the account’s zone, then the question is not asked again for these two zones', async () => {
    givenSession(signedInUser);
    const first = renderPage([{ path: '/', element: <Page /> }], '/');
    await userEvent.click(await screen.findByRole('button', { name: 'Keep Asia/Tokyo' }));
    expect(screen.queryByText(/This device is set to/)).not.toBeInTheDocument();
    first.unmount();
    renderPage([{ path: '/', element: <Page /> }], '/');
    expect(await screen.findByText('Shown in Asia/Tokyo')).toBeInTheDocument();
    expect(screen.queryByText(/This device is set to/)).not.toBeInTheDocument();
  });

  it('when the zones are one (an old and a new name), then nothing is asked', async () => {
    givenSession({ ...signedInUser, timezone: device });
    renderPage([{ path: '/', element: <Page /> }], '/');
    expect(await screen.findByText(`Shown in ${device}`)).toBeInTheDocument();
    expect(screen.queryByText(/This device is set to/)).not.toBeInTheDocument();
  });
});
