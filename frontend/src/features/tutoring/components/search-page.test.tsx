import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { renderPage, signedInUser, givenSession } from '../../../testing/render';
import SearchPage from './search-page';

const tutor = {
  id: '22222222-2222-4222-8222-222222222222',
  displayName: 'Maya Tutor',
  headline: 'Calculus, patiently',
  bio: '',
  languages: ['en'],
  modes: ['online'],
  sessionLengths: [60],
  hourlyRateCents: 0,
  maxGroupSize: 4,
  cancellationWindowHours: 24,
  timezone: 'Europe/London',
  rating: { average: 4.5, count: 2 },
  photoUrl: null,
  sessionsTaught: 0,
  responseMinutes: null,
  courseIds: [],
  nextOpenSlot: {
    start: '2030-01-07T09:00:00.000Z',
    end: '2030-01-07T10:00:00.000Z',
    tutorLocalStart: '2030-01-07T09:00',
    tutorLocalEnd: '2030-01-07T10:00',
  },
};

describe('finding a tutor', () => {
  it('when tutors match, then each card shows the next open slot in my own time zone', async () => {
    givenSession(signedInUser); // Asia/Tokyo
    server.use(
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [] })),
      http.get('/api/tutoring/tutors', () => HttpResponse.json({ tutors: [tutor], nextCursor: null })),
    );
    renderPage([{ path: '/tutors', element: <SearchPage /> }], '/tutors');
    const card = (await screen.findByRole('link', { name: 'Maya Tutor' })).closest('.card') as HTMLElement;
    // 09:00 UTC is 18:00 in Tokyo
    expect(within(card).getByText(/7 Jan 2030, 18:00/)).toBeInTheDocument();
    expect(within(card).getByText(/4.5 out of 5/)).toBeInTheDocument();
    expect(within(card).getByText('New tutor: no sessions taught yet')).toBeInTheDocument();
  });

  it('when filters are chosen, then they go to the API; no match says so and suggests related courses, fewer filters and groups', async () => {
    givenSession(null);
    const asked: URLSearchParams[] = [];
    const calculus = {
      id: 'e0e0e0e0-0000-4000-8000-000000000011',
      code: 'MATH201',
      title: 'Integral calculus',
      subject: 'Maths',
      description: '',
    };
    const history = {
      id: 'e0e0e0e0-0000-4000-8000-000000000012',
      code: 'HIST100',
      title: 'Modern history',
      subject: 'History',
      description: '',
    };
    server.use(
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [calculus, history] })),
      http.get('/api/tutoring/tutors', ({ request }) => {
        asked.push(new URL(request.url).searchParams);
        return HttpResponse.json({ tutors: [], nextCursor: null });
      }),
    );
    renderPage([{ path: '/tutors', element: <SearchPage /> }], '/tutors');
    await userEvent.type(await screen.findByLabelText('Name, course or topic'), 'integrals');
    await userEvent.selectOptions(screen.getByLabelText('Rating'), '4');
    await userEvent.click(screen.getByLabelText('Free this week'));
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText(/No tutors match/)).toBeInTheDocument();
    const last = asked.at(-1)!;
    expect(last.get('q')).toBe('integrals');
    expect(last.get('minRating')).toBe('4');
    expect(Date.parse(last.get('to')!) - Date.parse(last.get('from')!)).toBe(7 * 86_400_000);

    expect(screen.getByRole('link', { name: 'Study groups about integrals' })).toHaveAttribute('href', '/groups?q=integrals');
    expect(screen.getByRole('button', { name: 'Search again without the filters' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /HIST100/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'MATH201 — Integral calculus' }));
    await waitFor(() => expect(asked.at(-1)!.get('course')).toBe(calculus.id));
    expect(asked.at(-1)!.get('q')).toBeNull();
    expect(screen.getByLabelText('Name, course or topic')).toHaveValue('');
  });

  it('when the search fails, then a readable error and a retry button appear', async () => {
    givenSession(null);
    server.use(
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [] })),
      http.get('/api/tutoring/tutors', () => new HttpResponse('<html>bad gateway</html>', { status: 502 })),
    );
    renderPage([{ path: '/tutors', element: <SearchPage /> }], '/tutors');
    expect(await screen.findByText('Something went wrong on our side. Please try again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
