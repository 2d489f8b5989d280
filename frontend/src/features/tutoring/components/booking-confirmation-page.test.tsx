import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import BookingConfirmationPage from './booking-confirmation-page';

const tutorId = 'abababab-0000-4000-8000-000000000007';
const courseId = 'e0e0e0e0-0000-4000-8000-000000000001';
const bookingId = 'c0c0c0c0-0000-4000-8000-000000000003';
const booking = (status: 'pending' | 'confirmed') => ({
  id: bookingId,
  tutorId,
  studentId: signedInUser.id,
  courseId,
  groupId: null,
  seats: 1,
  status,
  start: '2030-01-07T09:00:00.000Z',
  end: '2030-01-07T10:00:00.000Z',
  lengthMinutes: 60,
  mode: 'online',
  message: '',
  expiresAt: status === 'pending' ? '2030-01-06T09:00:00.000Z' : null,
  cancelledBy: null,
  cancelReason: null,
  tutorNotes: '',
  rescheduledFrom: null,
  createdAt: '2029-12-30T09:00:00.000Z',
  place: 'https://meet.example.test/maya',
});

function serve(status: 'pending' | 'confirmed') {
  server.use(
    http.get(`/api/tutoring/bookings/${bookingId}`, () => HttpResponse.json(booking(status))),
    http.get('/api/users/profiles', () => HttpResponse.json({ profiles: [{ id: tutorId, displayName: 'Maya' }] })),
    http.get('/api/tutoring/courses', () =>
      HttpResponse.json({ courses: [{ id: courseId, code: 'CS101', title: 'Intro', subject: 'CS', description: '' }] }),
    ),
  );
}

const page = [{ path: '/sessions/:bookingId', element: <BookingConfirmationPage /> }];

describe('the booking confirmation page', () => {
  it('when a request is pending, then it says who answers by when, where to meet, and offers three calendars', async () => {
    givenSession(signedInUser);
    serve('pending');
    renderPage(page, `/sessions/${bookingId}`);
    const heading = await screen.findByRole('heading', { name: 'Session requested' });
    expect(heading).toHaveFocus();
    // the viewer's zone is Asia/Tokyo: 09:00Z is 18:00 there
    expect(screen.getByText('7 Jan 2030, 18:00 GMT+9')).toBeInTheDocument();
    expect(await screen.findByText(/Maya has been asked to confirm by 6 Jan 2030, 18:00 GMT\+9/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://meet.example.test/maya' })).toHaveAttribute('href', 'https://meet.example.test/maya');
    const google = new URL(screen.getByRole('link', { name: 'Google Calendar' }).getAttribute('href')!);
    expect(google.host).toBe('calendar.google.com');
    expect(google.searchParams.get('dates')).toBe('20300107T090000Z/20300107T100000Z');
    expect(google.searchParams.get('text')).toBe('CS101 — Intro with Maya');
    const outlook = new URL(screen.getByRole('link', { name: 'Outlook' }).getAttribute('href')!);
    expect(outlook.searchParams.get('location')).toBe('https://meet.example.test/maya');
    expect(screen.getByRole('button', { name: 'Calendar file (.ics)' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to Maya' })).toHaveAttribute('href', `/tutors/${tutorId}`);
  });

  it('when it is confirmed, then it says the time is theirs', async () => {
    givenSession(signedInUser);
    serve('confirmed');
    renderPage(page, `/sessions/${bookingId}`);
    expect(await screen.findByRole('heading', { name: 'Session booked' })).toBeInTheDocument();
    expect(screen.getByText(/The time is yours/)).toBeInTheDocument();
  });

  it('when the session is not theirs or does not exist, then the page says so and leads to My sessions', async () => {
    givenSession(signedInUser);
    serve('pending');
    server.use(
      http.get(`/api/tutoring/bookings/${bookingId}`, () =>
        HttpResponse.json({ error: { code: 'booking-not-found', message: 'No such booking', requestId: 'r' } }, { status: 404 }),
      ),
    );
    for (const address of [`/sessions/${bookingId}`, '/sessions/not-an-id']) {
      const { unmount } = renderPage(page, address);
      expect(await screen.findByRole('heading', { name: 'No such session' })).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'My sessions' })).toHaveAttribute('href', '/sessions');
      unmount();
    }
  });
});
