import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import InboxPage from './inbox-page';

const note = (id: string, title: string, read: boolean) => ({
  id,
  type: 'booking-update',
  title,
  body: 'MATH101 Calculus, Tue 8 Dec, 14:00–15:00 (UTC).\nJoin at: https://meet.example.test/tara',
  link: '/sessions/b0b0b0b0-0000-4000-8000-000000000001',
  createdAt: '2026-12-01T10:00:00Z',
  read,
});

describe('the inbox', () => {
  it('when someone marks one read and then all, then each is sent and the list shows them read', async () => {
    givenSession(signedInUser);
    let notes = [
      note('a0a0a0a0-0000-4000-8000-000000000001', 'Session confirmed with Tara', false),
      note('a0a0a0a0-0000-4000-8000-000000000002', 'Session with Tara moved', false),
    ];
    const marked: string[] = [];
    server.use(
      http.get('/api/notifications/notifications', () =>
        HttpResponse.json({ notifications: notes, unread: notes.filter((n) => !n.read).length, nextCursor: null }),
      ),
      http.get('/api/notifications/notifications/preferences', () =>
        HttpResponse.json({ 'booking-request': true, 'booking-update': true, 'session-reminder': true }),
      ),
      http.post('/api/notifications/notifications/:id/read', ({ params }) => {
        marked.push(String(params.id));
        notes = notes.map((n) => (n.id === params.id ? { ...n, read: true } : n));
        return HttpResponse.json(notes.find((n) => n.id === params.id));
      }),
      http.post('/api/notifications/notifications/read-all', () => {
        marked.push('all');
        notes = notes.map((n) => ({ ...n, read: true }));
        return HttpResponse.json({ marked: 1 });
      }),
    );
    renderPage([{ path: '/', element: <InboxPage /> }], '/');
    const list = await screen.findByRole('list', { name: 'Notifications' });
    expect(within(list).getAllByText('(unread)')).toHaveLength(2);
    expect(within(list).getAllByText(/Join at: https:\/\/meet\.example\.test\/tara/)).toHaveLength(2);

    await userEvent.click(within(list).getAllByRole('button', { name: 'Mark read' })[0]!);
    expect(await within(list).findAllByText('(unread)')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByText('Session with Tara moved')).toBeInTheDocument();
    await expect.poll(() => within(list).queryAllByText('(unread)').length).toBe(0);
    expect(marked).toEqual(['a0a0a0a0-0000-4000-8000-000000000001', 'all']);
  });

  it('when someone turns off reminder emails, then only that type is sent as off', async () => {
    givenSession(signedInUser);
    let sent: unknown;
    server.use(
      http.get('/api/notifications/notifications', () => HttpResponse.json({ notifications: [], unread: 0, nextCursor: null })),
      http.get('/api/notifications/notifications/preferences', () =>
        HttpResponse.json({ 'booking-request': true, 'booking-update': true, 'session-reminder': true }),
      ),
      http.patch('/api/notifications/notifications/preferences', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ 'booking-request': true, 'booking-update': true, 'session-reminder': false });
      }),
    );
    renderPage([{ path: '/', element: <InboxPage /> }], '/');
    expect(await screen.findByText(/Nothing yet/)).toBeInTheDocument();
    const reminders = await screen.findByLabelText('Reminders a day and an hour before each session and group meeting');
    await userEvent.click(reminders);
    await expect.poll(() => sent).toEqual({ 'session-reminder': false });
    await expect.poll(() => (reminders as HTMLInputElement).checked).toBe(false);
  });
});
