import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { renderPage, signedInUser, givenSession } from '../../../testing/render';
import GroupPage from './group-page';

const groupId = '33333333-3333-4333-8333-333333333333';
const group = (extra: Record<string, unknown> = {}) => ({
  id: groupId,
  name: 'Linear algebra crew',
  course: 'MATH210',
  subject: 'Mathematics',
  description: 'Problem sets every week',
  tags: [],
  visibility: 'public',
  capacity: 2,
  memberCount: 2,
  meetingStyle: 'online',
  location: null,
  meetingLink: null,
  schedule: { weekday: 3, start: '18:00', durationMinutes: 90, timezone: 'Europe/Paris' },
  status: 'active',
  ownerId: '44444444-4444-4444-8444-444444444444',
  createdAt: '2026-11-01T10:00:00.000Z',
  lastActivityAt: '2026-11-01T10:00:00.000Z',
  viewer: { role: null, waitlistPosition: null, requested: false, banned: false },
  ...extra,
});

describe('a group page', () => {
  it('when I join a full group, then I am told my place on the waitlist and the page shows it', async () => {
    givenSession(signedInUser);
    let joined = false;
    server.use(
      http.get(`/api/groups/${groupId}`, () =>
        HttpResponse.json(group(joined ? { viewer: { role: null, waitlistPosition: 3, requested: false, banned: false } } : {})),
      ),
      http.post(`/api/groups/${groupId}/join`, () => {
        joined = true;
        return HttpResponse.json({ status: 'waitlisted', position: 3 });
      }),
    );
    renderPage([{ path: '/groups/:groupId', element: <GroupPage /> }], `/groups/${groupId}`);
    expect(await screen.findByText(/Wednesdays at 18:00 for 90 min \(Europe\/Paris\)/)).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Join the waitlist' }));
    expect(await screen.findByText('The group is full: you are number 3 on the waitlist')).toBeInTheDocument();
    expect(await screen.findByText('number 3')).toBeInTheDocument();
  });

  it('when an outsider opens a private group, then they can ask to join but see no meetings, discussion or members', async () => {
    givenSession(signedInUser);
    server.use(http.get(`/api/groups/${groupId}`, () => HttpResponse.json(group({ visibility: 'private', memberCount: 0 }))));
    renderPage([{ path: '/groups/:groupId', element: <GroupPage /> }], `/groups/${groupId}`);
    expect(await screen.findByRole('button', { name: 'Ask to join' })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Discussion' })).not.toBeInTheDocument();
    expect(screen.getByText('Members see this group’s meetings, members and discussion.')).toBeInTheDocument();
  });

  it('when the group does not exist, then the page says so in words', async () => {
    givenSession(null);
    server.use(
      http.get(`/api/groups/${groupId}`, () =>
        HttpResponse.json({ error: { code: 'group-not-found', message: 'No such group', requestId: 'r' } }, { status: 404 }),
      ),
    );
    renderPage([{ path: '/groups/:groupId', element: <GroupPage /> }], `/groups/${groupId}`);
    expect(await screen.findByRole('heading', { name: 'No such group' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse study groups' })).toHaveAttribute('href', '/groups');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('when the address holds no group id at all, then the page says so without asking the API', async () => {
    givenSession(null);
    renderPage([{ path: '/groups/:groupId', element: <GroupPage /> }], '/groups/not-a-real-group');
    expect(await screen.findByRole('heading', { name: 'No such group' })).toBeInTheDocument();
  });
});
