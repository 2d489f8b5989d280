import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import TutorPage from './tutor-page';

const courseId = 'e0e0e0e0-0000-4000-8000-000000000001';
const bookingId = 'f0f0f0f0-0000-4000-8000-000000000002';
const tutor = (id: string) => ({
  id,
  displayName: 'Maya',
  headline: 'Recursion',
  bio: 'Patient',
  languages: ['en'],
  modes: ['online'],
  sessionLengths: [60],
  hourlyRateCents: 0,
  maxGroupSize: 1,
  cancellationWindowHours: 24,
  timezone: 'America/New_York',
  rating: { average: 4, count: 1 },
  courseIds: [courseId],
});

function serve(tutorId: string, replies: { sent?: unknown }) {
  let reply: string | null = null;
  server.use(
    http.get(`/api/tutoring/tutors/${tutorId}`, () => HttpResponse.json(tutor(tutorId))),
    http.get('/api/tutoring/courses', () =>
      HttpResponse.json({ courses: [{ id: courseId, code: 'CS101', title: 'Intro', subject: 'CS', description: '' }] }),
    ),
    http.get(`/api/tutoring/tutors/${tutorId}/slots`, () =>
      HttpResponse.json({ tutorId, timezone: 'America/New_York', lengthMinutes: 60, slots: [] }),
    ),
    http.get(`/api/tutoring/tutors/${tutorId}/reviews`, () =>
      HttpResponse.json({
        rating: { average: 4, count: 1 },
        byCourse: [],
        reviews: [
          {
            bookingId,
            tutorId,
            courseId,
            rating: 4,
            text: 'Clear explanations',
            reply,
            repliedAt: null,
            createdAt: '2026-11-01T10:00:00.000Z',
            updatedAt: '2026-11-01T10:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    ),
    http.put(`/api/tutoring/bookings/${bookingId}/review/reply`, async ({ request }) => {
      replies.sent = await request.json();
      reply = (replies.sent as { reply: string }).reply;
      return HttpResponse.json({});
    }),
  );
}

describe('a tutor page', () => {
  it('when the tutor opens their own page, then they can answer a review and everyone sees the answer', async () => {
    givenSession(signedInUser);
    const replies: { sent?: unknown } = {};
    serve(signedInUser.id, replies);
    renderPage([{ path: '/tutors/:tutorId', element: <TutorPage /> }], `/tutors/${signedInUser.id}`);
    expect(await screen.findByText('Clear explanations')).toBeInTheDocument();
    expect(await screen.findByText('No open slots this week. Try a later week.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Your reply'), 'Thank you!');
    await userEvent.click(screen.getByRole('button', { name: 'Reply' }));
    expect(await screen.findByText('Tutor’s reply: Thank you!')).toBeInTheDocument();
    expect(replies.sent).toEqual({ reply: 'Thank you!' });
  });

  it('when someone else opens it, then there is no reply form', async () => {
    givenSession(signedInUser);
    const other = 'abababab-0000-4000-8000-000000000003';
    serve(other, {});
    renderPage([{ path: '/tutors/:tutorId', element: <TutorPage /> }], `/tutors/${other}`);
    expect(await screen.findByText('Clear explanations')).toBeInTheDocument();
    expect(screen.queryByLabelText('Your reply')).not.toBeInTheDocument();
  });

  it('when a slot is chosen, then its confirmation takes the focus; when someone else takes it first, then it is no longer chosen', async () => {
    givenSession(signedInUser);
    const other = 'abababab-0000-4000-8000-000000000004';
    serve(other, {});
    const start = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 13) + ':00:00.000Z';
    let slots = [{ start, end: start, tutorLocalStart: '2026-12-01T10:00' }];
    server.use(
      http.get(`/api/tutoring/tutors/${other}/slots`, () =>
        HttpResponse.json({ tutorId: other, timezone: 'America/New_York', lengthMinutes: 60, slots }),
      ),
      http.post('/api/tutoring/bookings', () => {
        slots = [];
        return HttpResponse.json({ error: { code: 'slot-taken', message: 'That time was just taken', requestId: 'r' } }, { status: 409 });
      }),
    );
    renderPage([{ path: '/tutors/:tutorId', element: <TutorPage /> }], `/tutors/${other}`);
    expect(await screen.findByText(/the tutor’s \(America\/New York\) in brackets/)).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { pressed: false, name: /10:00/ }));
    const confirmation = await screen.findByText(/your time/);
    expect(confirmation.closest('p')).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Book this slot' }));
    expect(await screen.findByText('That time was just taken')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Book this slot' })).not.toBeInTheDocument();
    expect(await screen.findByText('No open slots this week. Try a later week.')).toBeInTheDocument();
  });

  it('when the tutor does not exist, or the address holds no tutor id, then the page says so and leads back to search', async () => {
    givenSession(null);
    const gone = 'abababab-0000-4000-8000-000000000009';
    server.use(
      http.get(`/api/tutoring/tutors/${gone}`, () =>
        HttpResponse.json({ error: { code: 'tutor-not-found', message: 'No such tutor', requestId: 'r' } }, { status: 404 }),
      ),
      http.get(`/api/tutoring/tutors/${gone}/reviews`, () => HttpResponse.json({ reviews: [], nextCursor: null })),
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [] })),
    );
    for (const address of [`/tutors/${gone}`, '/tutors/not-a-real-tutor']) {
      const { unmount } = renderPage([{ path: '/tutors/:tutorId', element: <TutorPage /> }], address);
      expect(await screen.findByRole('heading', { name: 'No such tutor' })).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Find a tutor' })).toHaveAttribute('href', '/tutors');
      expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
      unmount();
    }
  });
});
