import { screen, waitFor } from '@testing-library/react';
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
  photoUrl: null,
  sessionsTaught: 3,
  responseMinutes: 95,
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

/** A date (yyyy-MM-dd) in next month, in UTC: always ahead, and its days never straddle two months. */
function nextMonthDay(day: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, day)).toISOString().slice(0, 10);
}
const nextMonthName = () => {
  const now = new Date();
  return new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
  );
};
const slotOn = (date: string, utcTime: string) => ({
  start: `${date}T${utcTime}:00.000Z`,
  end: `${date}T${utcTime}:00.000Z`,
  tutorLocalStart: `${date}T${utcTime}`,
});

/** The tutor's slots, answered like the API does: only those inside the asked window. */
function serveSlots(tutorId: string, slots: () => Array<{ start: string }>) {
  server.use(
    http.get(`/api/tutoring/tutors/${tutorId}/slots`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      const inside = slots().filter((s) => s.start >= query.get('from')! && s.start < query.get('to')!);
      return HttpResponse.json({ tutorId, timezone: 'America/New_York', lengthMinutes: 60, slots: inside });
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
    expect(await screen.findByText(/^No open times in .+\. Try the next month\.$/)).toBeInTheDocument();
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
    // what a student weighs before booking
    expect(screen.getByText('3 sessions taught')).toBeInTheDocument();
    expect(screen.getByText('Usually answers within 2 hours')).toBeInTheDocument();
    expect(screen.getByText('Free')).toBeInTheDocument();
    expect(screen.getByText('Speaks English')).toBeInTheDocument();
    expect(await screen.findByText('✓ Verified for CS101')).toBeInTheDocument();
  });

  it('when a slot is chosen, then its confirmation takes the focus; when someone else takes it first, then it is no longer chosen', async () => {
    givenSession(signedInUser);
    const other = 'abababab-0000-4000-8000-000000000004';
    serve(other, {});
    let slots = [slotOn(nextMonthDay(10), '10:00')];
    serveSlots(other, () => slots);
    server.use(
      http.post('/api/tutoring/bookings', () => {
        slots = [];
        return HttpResponse.json({ error: { code: 'slot-taken', message: 'That time was just taken', requestId: 'r' } }, { status: 409 });
      }),
    );
    renderPage([{ path: '/tutors/:tutorId', element: <TutorPage /> }], `/tutors/${other}`);
    expect(await screen.findByText(/In brackets: the tutor’s time \(America\/New York\)/)).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { pressed: false, name: /10:00/ }));
    const confirmation = await screen.findByText(/your time/);
    expect(confirmation.closest('p')).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Book this slot' }));
    expect(await screen.findByText('That time was just taken')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Book this slot' })).not.toBeInTheDocument();
    expect(await screen.findByText(/^No open times in .+\. Try the next month\.$/)).toBeInTheDocument();
  });

  it('when a student moves to another open day with the keyboard, then that day’s times show beside the calendar', async () => {
    givenSession(signedInUser);
    const other = 'abababab-0000-4000-8000-000000000005';
    serve(other, {});
    serveSlots(other, () => [slotOn(nextMonthDay(10), '03:00'), slotOn(nextMonthDay(11), '04:00'), slotOn(nextMonthDay(11), '06:00')]);
    renderPage([{ path: '/tutors/:tutorId', element: <TutorPage /> }], `/tutors/${other}`);
    // the month moves on to the first open day, which is chosen; the 10th's one time shows (12:00 in Tokyo)
    expect(await screen.findByRole('button', { name: /^12:00/ })).toBeInTheDocument();
    const chosenDay = screen.getByRole('gridcell', { selected: true }).querySelector('button')!;
    chosenDay.focus();
    await userEvent.keyboard('{ArrowRight}{Enter}');
    expect(await screen.findByRole('button', { name: /^13:00/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^15:00/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^12:00/ })).not.toBeInTheDocument();
    // a closed day cannot be chosen
    expect(screen.getByRole('button', { name: new RegExp(`^\\w+, 12 ${nextMonthName()} \\d{4}, no open times$`) })).toBeDisabled();
  });

  it('when the booking is made, then the confirmation page opens', async () => {
    givenSession(signedInUser);
    const other = 'abababab-0000-4000-8000-000000000006';
    serve(other, {});
    serveSlots(other, () => [slotOn(nextMonthDay(10), '10:00')]);
    let sentKey: string | null = null;
    server.use(
      http.post('/api/tutoring/bookings', ({ request }) => {
        sentKey = request.headers.get('idempotency-key');
        return HttpResponse.json({ id: bookingId, status: 'pending' }, { status: 201 });
      }),
    );
    const { router } = renderPage([{ path: '/tutors/:tutorId', element: <TutorPage /> }], `/tutors/${other}`);
    await userEvent.click(await screen.findByRole('button', { pressed: false, name: /10:00/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Book this slot' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/sessions/${bookingId}`));
    expect(sentKey).toMatch(/^[0-9a-f-]{36}$/);
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
