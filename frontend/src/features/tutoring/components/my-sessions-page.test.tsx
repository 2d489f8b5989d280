import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import MySessionsPage from './my-sessions-page';

const tutorId = 'abababab-0000-4000-8000-000000000005';
const courseId = 'e0e0e0e0-0000-4000-8000-000000000001';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const booking = (id: string, status: string, message: string) => ({
  id,
  tutorId,
  studentId: signedInUser.id,
  courseId,
  groupId: null,
  seats: 1,
  status,
  start: inDays(3),
  end: inDays(3.05),
  lengthMinutes: 60,
  mode: 'online',
  message,
  expiresAt: null,
  cancelledBy: status === 'cancelled' ? 'tutor' : null,
  cancelReason: status === 'cancelled' ? 'I am ill' : null,
  tutorNotes: '',
  rescheduledFrom: null,
  createdAt: inDays(-1),
  place: status === 'confirmed' ? 'https://meet.example.test/maya' : null,
});

describe('my sessions', () => {
  it('when an upcoming session is cancelled, then it leaves Upcoming for Cancelled, and the headings stay in order', async () => {
    givenSession(signedInUser);
    server.use(
      http.get('/api/tutoring/bookings', () =>
        HttpResponse.json({
          bookings: [
            booking('c0c0c0c0-0000-4000-8000-000000000001', 'confirmed', 'see you'),
            booking('c0c0c0c0-0000-4000-8000-000000000002', 'cancelled', 'never mind'),
          ],
          nextCursor: null,
        }),
      ),
      http.get('/api/users/profiles', () => HttpResponse.json({ profiles: [] })),
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [] })),
      http.get('/api/tutoring/reviews/awaiting', () => HttpResponse.json({ bookings: [] })),
    );
    renderPage([{ path: '/sessions', element: <MySessionsPage /> }], '/sessions');
    expect(await screen.findByText('Message: see you')).toBeInTheDocument();
    expect(screen.queryByText('Message: never mind')).not.toBeInTheDocument();
    // where the session happens, on its card
    expect(screen.getByRole('link', { name: 'https://meet.example.test/maya' })).toHaveAttribute('href', 'https://meet.example.test/maya');
    const levels = screen.getAllByRole('heading').map((h) => Number(h.tagName.slice(1)));
    expect(levels.every((level, i) => i === 0 || level <= levels[i - 1]! + 1)).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Cancelled' }));
    expect(await screen.findByText('Reason: I am ill')).toBeInTheDocument();
    expect(screen.queryByText('Message: see you')).not.toBeInTheDocument();
  });

  it('when a session ended without a review, then the page asks how it went, and a sent review ends the asking', async () => {
    givenSession(signedInUser);
    const attended = { ...booking('c0c0c0c0-0000-4000-8000-000000000009', 'completed', 'thanks'), start: inDays(-2), end: inDays(-1.95) };
    let awaiting = [attended];
    let sent: unknown = null;
    server.use(
      http.get('/api/tutoring/bookings', () => HttpResponse.json({ bookings: [], nextCursor: null })),
      http.get('/api/users/profiles', () => HttpResponse.json({ profiles: [{ id: tutorId, displayName: 'Maya' }] })),
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [] })),
      http.get('/api/tutoring/reviews/awaiting', () => HttpResponse.json({ bookings: awaiting })),
      http.post(`/api/tutoring/bookings/${attended.id}/review`, async ({ request }) => {
        sent = await request.json();
        awaiting = [];
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    renderPage([{ path: '/sessions', element: <MySessionsPage /> }], '/sessions');
    expect(await screen.findByRole('heading', { name: 'How did it go?' })).toBeInTheDocument();
    // the review form is open on the card already
    await userEvent.selectOptions(await screen.findByLabelText('Rating'), '4');
    await userEvent.type(screen.getByLabelText('What was it like?'), 'Clear on recursion');
    await userEvent.click(screen.getByRole('button', { name: 'Post review' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'How did it go?' })).not.toBeInTheDocument());
    expect(sent).toEqual({ rating: 4, text: 'Clear on recursion' });
  });
});
