import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import type { OwnTutorProfile } from '../api/tutor-profile';
import TutorDashboardPage from './tutor-dashboard-page';

const courseId = 'e0e0e0e0-0000-4000-8000-000000000001';
const profile = (changes: Partial<OwnTutorProfile>): OwnTutorProfile => ({
  id: signedInUser.id,
  displayName: 'Ana',
  headline: 'Loops',
  bio: '',
  languages: ['en'],
  modes: ['online'],
  sessionLengths: [60],
  hourlyRateCents: 0,
  maxGroupSize: 1,
  cancellationWindowHours: 24,
  timezone: 'Asia/Tokyo',
  rating: { average: null, count: 0 },
  photoUrl: null,
  sessionsTaught: 0,
  responseMinutes: null,
  meetingLink: 'https://meet.example.test/ana',
  location: null,
  autoAccept: false,
  courses: [{ courseId, status: 'pending' }],
  availability: {
    timezone: 'Asia/Tokyo',
    weekly: [],
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 720,
    maxHorizonDays: 60,
    maxSessionsPerDay: null,
    studentWeeklyCapMinutes: null,
  },
  ...changes,
});

/** Serves the dashboard; `lists` counts the booking lists asked for, by their query. */
function serve(mine: OwnTutorProfile, bookings: unknown[], lists: string[] = []) {
  server.use(
    http.get('/api/tutoring/tutors/me', () => HttpResponse.json(mine)),
    http.get('/api/tutoring/courses', () =>
      HttpResponse.json({ courses: [{ id: courseId, code: 'CS101', title: 'Intro', subject: 'CS', description: '' }] }),
    ),
    http.get('/api/tutoring/bookings', ({ request }) => {
      lists.push(new URL(request.url).search);
      return HttpResponse.json({ bookings, nextCursor: null });
    }),
    http.get('/api/users/profiles', () => HttpResponse.json({ profiles: [] })),
  );
}

describe('the tutoring dashboard', () => {
  it('when a new tutor waits for approval and has no hours, then the checklist says so and leads to the week grid', async () => {
    givenSession(signedInUser);
    serve(profile({}), []);
    renderPage([{ path: '/tutoring', element: <TutorDashboardPage /> }], '/tutoring');
    expect(await screen.findByRole('heading', { name: 'Get ready for your first student (1 of 5 done)' })).toBeInTheDocument();
    expect(await screen.findByText(/Pending approval: CS101/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Preview your page' })).toHaveAttribute('href', `/tutors/${signedInUser.id}`);
    await userEvent.click(screen.getByRole('button', { name: 'week grid' }));
    expect(screen.getByRole('tab', { name: 'Availability' })).toHaveAttribute('aria-selected', 'true');
  });

  it('when the tutor is approved, has hours and a first request, then the checklist is gone', async () => {
    givenSession(signedInUser);
    const ready = profile({ courses: [{ courseId, status: 'approved' }] });
    ready.availability.weekly = [{ weekday: 1, start: '09:00', end: '11:00' }];
    const lists: string[] = [];
    serve(
      ready,
      [
        {
          id: 'c0c0c0c0-0000-4000-8000-000000000001',
          tutorId: signedInUser.id,
          studentId: 'abababab-0000-4000-8000-000000000001',
          courseId,
          groupId: null,
          seats: 1,
          status: 'pending',
          start: '2030-01-07T09:00:00.000Z',
          end: '2030-01-07T10:00:00.000Z',
          lengthMinutes: 60,
          mode: 'online',
          message: 'help',
          expiresAt: null,
          cancelledBy: null,
          cancelReason: null,
          tutorNotes: '',
          rescheduledFrom: null,
          createdAt: '2029-12-30T09:00:00.000Z',
          place: null,
        },
      ],
      lists,
    );
    renderPage([{ path: '/tutoring', element: <TutorDashboardPage /> }], '/tutoring');
    // the API fake answers every list with the request, so it shows under each heading
    expect((await screen.findAllByText('Message: help')).length).toBeGreaterThan(0);
    // both lists the checklist reads were answered: any request, coming or past
    await waitFor(() =>
      expect(lists).toEqual(expect.arrayContaining(['?as=tutor&when=upcoming&limit=50', '?as=tutor&when=past&limit=50'])),
    );
    expect(screen.queryByRole('heading', { name: /Get ready for your first student/ })).not.toBeInTheDocument();
  });

  it('when a tutor chooses a photo, then it is sent as the raw image and shown; a file that is not an image is refused first', async () => {
    givenSession(signedInUser);
    const mine = profile({ courses: [{ courseId, status: 'approved' }] });
    serve(mine, []);
    const sent: Array<{ type: string | null; size: number }> = [];
    const photoUrl = `/api/tutoring/tutors/${signedInUser.id}/photos/abcdefghijklmnopqrstuv`;
    server.use(
      http.put('/api/tutoring/tutors/me/photo', async ({ request }) => {
        const body = await request.arrayBuffer();
        sent.push({ type: request.headers.get('content-type'), size: body.byteLength });
        return HttpResponse.json({ ...mine, photoUrl });
      }),
      http.delete('/api/tutoring/tutors/me/photo', () => new HttpResponse(null, { status: 204 })),
    );
    renderPage([{ path: '/tutoring', element: <TutorDashboardPage /> }], '/tutoring');
    await userEvent.click(await screen.findByRole('tab', { name: 'Profile' }));

    const user = userEvent.setup({ applyAccept: false });
    await user.upload(screen.getByLabelText('Choose a photo'), new File(['%PDF'], 'cv.pdf', { type: 'application/pdf' }));
    expect(await screen.findByText('Choose a JPEG, PNG or WebP image.')).toBeInTheDocument();
    expect(sent).toEqual([]);

    await user.upload(screen.getByLabelText('Choose a photo'), new File([new Uint8Array(1234)], 'me.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(document.querySelector(`img[src="${photoUrl}"]`)).not.toBeNull());
    expect(sent).toEqual([{ type: 'image/jpeg', size: 1234 }]);
    expect(screen.queryByText('Choose a JPEG, PNG or WebP image.')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove photo' }));
    await waitFor(() => expect(document.querySelector('img.avatar')).toBeNull());
    expect(screen.getByLabelText('Choose a photo')).toBeInTheDocument();
  });
});
