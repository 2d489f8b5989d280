import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/server';
import { givenSession, renderPage, signedInUser } from '../testing/render';
import HomePage from './home-page';

const groupId = '12121212-0000-4000-8000-000000000001';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('the home page', () => {
  it('when I am signed in, then it shows my next session, my coming group meetings and the sessions I have to review', async () => {
    givenSession(signedInUser);
    server.use(
      http.get('/api/tutoring/reviews/awaiting', () => HttpResponse.json({ bookings: [{ id: 'b0', status: 'completed' }] })),
      http.get('/api/tutoring/bookings', () =>
        HttpResponse.json({
          bookings: [
            { id: 'b1', status: 'cancelled', start: inDays(1), lengthMinutes: 30 },
            { id: 'b2', status: 'confirmed', start: '2030-05-06T16:00:00.000Z', lengthMinutes: 60 },
          ],
          nextCursor: null,
        }),
      ),
      http.get('/api/groups/meetings/upcoming', () =>
        HttpResponse.json({
          meetings: [{ meeting: { id: 'm1', groupId, startsAt: '2030-05-07T09:00:00.000Z' }, groupName: 'Recursion circle', myRsvp: null }],
        }),
      ),
    );
    renderPage([{ path: '/', element: <HomePage /> }], '/');
    // Asia/Tokyo: 16:00 UTC is 01:00 the next day
    expect(await screen.findByText(/7 May 2030, 01:00 GMT\+9 · 60 min/)).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Recursion circle' })).toHaveAttribute('href', `/groups/${groupId}`);
    expect(await screen.findByText(/A session you attended waits for your review/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'How did it go?' })).toHaveAttribute('href', '/sessions');
  });

  it('when a visitor comes, then it shows the best-rated tutors and groups with room', async () => {
    givenSession(null);
    let sort: string | null = null;
    server.use(
      http.get('/api/tutoring/tutors', ({ request }) => {
        sort = new URL(request.url).searchParams.get('sort');
        return HttpResponse.json({
          tutors: [{ id: 't1', displayName: 'Maya', headline: 'Recursion', rating: { average: 4.8, count: 12 } }],
          nextCursor: null,
        });
      }),
      http.get('/api/groups', () =>
        HttpResponse.json({
          groups: [{ id: groupId, name: 'Recursion circle', course: 'CS101', capacity: 8, memberCount: 5 }],
          nextCursor: null,
        }),
      ),
    );
    renderPage([{ path: '/', element: <HomePage /> }], '/');
    expect(await screen.findByRole('link', { name: 'Maya' })).toHaveAttribute('href', '/tutors/t1');
    expect(screen.getByText(/4.8 ★ \(12\)/)).toBeInTheDocument();
    expect(await screen.findByText(/3 places left/)).toBeInTheDocument();
    expect(sort).toBe('rating');
  });
});
