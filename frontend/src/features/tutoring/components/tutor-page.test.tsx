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
});
