import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import GroupsPage from './groups-page';

const calculus = {
  id: 'e0e0e0e0-0000-4000-8000-000000000011',
  code: 'MATH201',
  title: 'Integral calculus',
  subject: 'Maths',
  description: '',
};

describe('finding a study group', () => {
  it('when no group matches, then related courses, tutors for the topic and starting one are offered', async () => {
    givenSession(null);
    const asked: URLSearchParams[] = [];
    server.use(
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [calculus] })),
      http.get('/api/groups', ({ request }) => {
        asked.push(new URL(request.url).searchParams);
        return HttpResponse.json({ groups: [], nextCursor: null });
      }),
    );
    renderPage([{ path: '/groups', element: <GroupsPage /> }], '/groups?q=calculus');
    expect(await screen.findByRole('heading', { name: 'No groups found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tutors for calculus' })).toHaveAttribute('href', '/tutors?q=calculus');
    expect(screen.getByRole('link', { name: 'Sign up to start a group' })).toHaveAttribute('href', '/register');
    await userEvent.click(await screen.findByRole('button', { name: 'MATH201 — Integral calculus' }));
    await waitFor(() => expect(asked.at(-1)!.get('course')).toBe('MATH201'));
    expect(asked.at(-1)!.get('q')).toBeNull();
    expect(screen.getByLabelText('Course')).toHaveValue('MATH201');
  });

  it('when groups match, then each card shows its member count and, for a weekly group, when it next meets in my zone', async () => {
    givenSession(signedInUser); // Asia/Tokyo
    const weekly = {
      id: 'abababab-0000-4000-8000-000000000021',
      name: 'Calculus circle',
      course: 'MATH201',
      subject: 'Maths',
      description: 'Problem sets',
      tags: [],
      visibility: 'public',
      capacity: 10,
      memberCount: 3,
      meetingStyle: 'online',
      location: null,
      meetingLink: null,
      schedule: { weekday: 1, start: '18:00', durationMinutes: 90, timezone: 'UTC' },
      nextMeetingAt: '2030-01-07T18:00:00.000Z',
      status: 'active',
      ownerId: 'abababab-0000-4000-8000-000000000022',
      createdAt: '2030-01-01T00:00:00.000Z',
      lastActivityAt: '2030-01-01T00:00:00.000Z',
    };
    server.use(
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [] })),
      http.get('/api/groups', () => HttpResponse.json({ groups: [weekly], nextCursor: null })),
      http.get('/api/groups/mine', () => HttpResponse.json({ groups: [] })),
      http.get('/api/groups/meetings/upcoming', () => HttpResponse.json({ meetings: [] })),
    );
    renderPage([{ path: '/groups', element: <GroupsPage /> }], '/groups');
    // Monday 18:00 UTC is Tuesday 03:00 in Tokyo
    expect(await screen.findByText('3 members · next meets 8 Jan 2030, 03:00 GMT+9')).toBeInTheDocument();
  });
});
