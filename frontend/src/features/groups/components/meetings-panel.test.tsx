import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import type { Group, Meeting } from '../api/groups';
import { MeetingsPanel } from './meetings-panel';
import { localInput, nextOccurrence } from './next-meeting';

const groupId = '66666666-6666-4666-8666-666666666666';
const tutorId = '77777777-7777-4777-8777-777777777777';
const courseId = '88888888-8888-4888-8888-888888888888';
const group = (role: 'owner' | 'member') =>
  ({
    id: groupId,
    status: 'active',
    memberCount: 3,
    capacity: 10,
    viewer: { role, waitlistPosition: null, requested: false, banned: false },
  }) as Group;
const meeting: Meeting = {
  id: '99999999-9999-4999-8999-999999999999',
  groupId,
  title: 'Exam review',
  startsAt: '2030-05-06T16:00:00.000Z',
  endsAt: '2030-05-06T17:00:00.000Z',
  timezone: 'Europe/Rome',
  location: null,
  meetingLink: null,
  agenda: 'Past papers',
  capacity: 2,
  goingCount: 2,
  status: 'scheduled',
  cancelReason: null,
  createdBy: signedInUser.id,
  tutor: null,
  createdAt: '2030-05-01T10:00:00.000Z',
};

/**
 * A group with no meetings yet, one tutor (Tomas, UTC, 60-minute sessions) open at the given UTC hours on 7 May 2030,
 * and the members' free time in half hours (`HH:mm` UTC, members free), of whom four answered. `sent` holds the
 * booking the panel sends.
 */
function serveTutorForGroup(options: { hours: number[]; cells: Array<[string, number]>; members: number }) {
  const booking: { sent?: { body: Record<string, unknown>; key: string | null } } = {};
  const at = (hour: number) => `2030-05-07T${String(hour).padStart(2, '0')}:00`;
  server.use(
    http.get(`/api/groups/${groupId}/meetings`, () => HttpResponse.json({ meetings: [] })),
    http.get('/api/tutoring/tutors', () =>
      HttpResponse.json({
        tutors: [
          {
            id: tutorId,
            displayName: 'Tomas',
            headline: 'Limits',
            courseIds: [courseId],
            sessionLengths: [60],
            timezone: 'UTC',
            maxGroupSize: 6,
          },
        ],
        nextCursor: null,
      }),
    ),
    http.get(`/api/tutoring/tutors/${tutorId}/slots`, () =>
      HttpResponse.json({
        tutorId,
        timezone: 'UTC',
        lengthMinutes: 60,
        slots: options.hours.map((hour) => ({
          start: `${at(hour)}:00.000Z`,
          end: `${at(hour + 1)}:00.000Z`,
          tutorLocalStart: at(hour),
          tutorLocalEnd: at(hour + 1),
        })),
      }),
    ),
    http.get(`/api/groups/${groupId}/free-time`, () =>
      HttpResponse.json({
        timezone: 'Asia/Tokyo',
        members: options.members,
        answered: 4,
        days: [{ date: '2030-05-07', cells: options.cells.map(([time, free]) => ({ start: `2030-05-07T${time}:00.000Z`, free })) }],
        best: [],
      }),
    ),
    http.post(`/api/groups/${groupId}/tutor-sessions`, async ({ request }) => {
      booking.sent = { body: (await request.json()) as Record<string, unknown>, key: request.headers.get('idempotency-key') };
      return HttpResponse.json(
        { ...meeting, tutor: { tutorId, tutorName: 'Tomas', courseId, bookingId: meeting.id, organizerId: signedInUser.id } },
        { status: 201 },
      );
    }),
  );
  return booking;
}

/** Opens the panel as an organizer, finds Tomas and picks him. */
async function chooseTutor() {
  renderPage([{ path: '/', element: <MeetingsPanel group={group('owner')} /> }], '/');
  await userEvent.type(await screen.findByLabelText('Find a tutor'), 'limits');
  await userEvent.click(screen.getByRole('button', { name: 'Find' }));
  fireEvent.change(await screen.findByLabelText('Tutor'), { target: { value: tutorId } });
}

describe('a group’s meetings', () => {
  it('when a member answers going to a full meeting, then they learn their place on its waitlist; times name both zones', async () => {
    givenSession(signedInUser); // Asia/Tokyo
    server.use(
      http.get(`/api/groups/${groupId}/meetings`, () => HttpResponse.json({ meetings: [meeting] })),
      http.get(`/api/groups/${groupId}/meetings/${meeting.id}`, () => HttpResponse.json({ meeting, rsvps: [] })),
      http.put(`/api/groups/${groupId}/meetings/${meeting.id}/rsvp`, () =>
        HttpResponse.json({ userId: signedInUser.id, status: 'waitlisted', position: 1 }),
      ),
    );
    renderPage([{ path: '/', element: <MeetingsPanel group={group('member')} /> }], '/');
    const card = await screen.findByRole('article', { name: 'Exam review' });
    // 16:00 UTC is 01:00 the next day in Tokyo and 18:00 in Rome
    expect(within(card).getByText(/7 May 2030, 01:00 GMT\+9/)).toBeInTheDocument();
    expect(within(card).getByText(/18:00 in Europe\/Rome/)).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: 'Going' }));
    expect(await screen.findByText('The meeting is full: you are number 1 on its waitlist')).toBeInTheDocument();
    // members do not get the organizers' forms
    expect(screen.queryByRole('heading', { name: 'Book a tutor for the group' })).not.toBeInTheDocument();
  });

  it('when the group meets weekly, then a new meeting starts at its next time, shown and sent in the organizer’s zone', async () => {
    givenSession(signedInUser); // Asia/Tokyo
    const schedule = { weekday: 1, start: '18:00', durationMinutes: 90, timezone: 'Europe/London' };
    let sent: { startsAt?: string; endsAt?: string } = {};
    server.use(
      http.get(`/api/groups/${groupId}/meetings`, () => HttpResponse.json({ meetings: [] })),
      http.post(`/api/groups/${groupId}/meetings`, async ({ request }) => {
        sent = (await request.json()) as typeof sent;
        return HttpResponse.json(meeting, { status: 201 });
      }),
    );
    renderPage([{ path: '/', element: <MeetingsPanel group={{ ...group('owner'), schedule } as Group} /> }], '/');
    const next = nextOccurrence(schedule);
    const start = await screen.findByLabelText('Starts (Asia/Tokyo)');
    expect(start).toHaveValue(localInput(next, 'Asia/Tokyo'));
    expect(screen.getByLabelText('Minutes')).toHaveValue(90);
    await userEvent.type(screen.getByLabelText('Title'), 'Weekly session');
    await userEvent.click(screen.getByRole('button', { name: 'Schedule meeting' }));
    await screen.findByText('Meeting scheduled');
    expect(sent).toMatchObject({ startsAt: next.toUTC().toISO(), endsAt: next.plus({ minutes: 90 }).toUTC().toISO() });
  });

  it('when an organizer books a tutor, then the chosen slot goes to the groups API with an Idempotency-Key', async () => {
    givenSession(signedInUser);
    // three of the four members who marked their time are free for the whole of the tutor's 09:00 UTC hour
    const booking = serveTutorForGroup({
      hours: [9],
      cells: [
        ['09:00', 4],
        ['09:30', 3],
      ],
      members: 4,
    });
    await chooseTutor();
    // found by its note's text: a role query computes every button's name in the month calendar on each try
    const time = (await screen.findByText('3 of 4 members free')).closest('button')!;
    expect(time).toHaveAccessibleName(/18:00 GMT\+9 \(09:00\)\s*3 of 4 members free/);
    await userEvent.click(time);
    await userEvent.click(screen.getByRole('button', { name: 'Book for 4 people' }));
    expect(await screen.findByText('Tutor booked for the group')).toBeInTheDocument();
    expect(booking.sent?.body).toMatchObject({ tutorId, courseId, start: '2030-05-07T09:00:00.000Z', length: 60, timezone: 'Asia/Tokyo' });
    expect(booking.sent?.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when members marked their free time, then the tutor’s times that suit most of them come first, and one click books the best', async () => {
    givenSession(signedInUser); // Asia/Tokyo
    // free members per half hour, UTC: 09 -> 3 (4, then 3), 11 -> 4, 13 -> 4, 15 -> 1, 17 -> outside the week's cells
    const booking = serveTutorForGroup({
      hours: [9, 11, 13, 15, 17],
      cells: [
        ['09:00', 4],
        ['09:30', 3],
        ['11:00', 4],
        ['11:30', 4],
        ['13:00', 4],
        ['13:30', 4],
        ['15:00', 1],
        ['15:30', 2],
      ],
      members: 5,
    });
    await chooseTutor();
    const best = await screen.findByRole('region', { name: 'Best times with this tutor this week' });
    // most members first, then the earliest; 15:00 (1 free) is not among the three, 17:00 has no answer
    expect(
      within(best)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Tue 7 May, 20:00: 4 of 4 free', 'Tue 7 May, 22:00: 4 of 4 free', 'Tue 7 May, 18:00: 3 of 4 free']);
    await userEvent.click(within(best).getByRole('button', { name: 'Tue 7 May, 22:00: 4 of 4 free' }));
    expect(within(best).getByRole('button', { name: 'Tue 7 May, 22:00: 4 of 4 free' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Book for 4 people' }));
    await screen.findByText('Tutor booked for the group');
    expect(booking.sent?.body).toMatchObject({ tutorId, courseId, start: '2030-05-07T13:00:00.000Z', length: 60 });
  });

  it('when an organizer changes one meeting, then its new title and times go to the API, read in the organizer’s zone', async () => {
    givenSession(signedInUser); // Asia/Tokyo
    let sent: Record<string, unknown> | undefined;
    server.use(
      http.get(`/api/groups/${groupId}/meetings`, () => HttpResponse.json({ meetings: [meeting] })),
      http.get(`/api/groups/${groupId}/meetings/${meeting.id}`, () => HttpResponse.json({ meeting, rsvps: [] })),
      http.patch(`/api/groups/${groupId}/meetings/${meeting.id}`, async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ ...meeting, ...sent });
      }),
    );
    renderPage([{ path: '/', element: <MeetingsPanel group={group('owner')} /> }], '/');
    const card = await screen.findByRole('article', { name: 'Exam review' });
    await userEvent.click(within(card).getByRole('button', { name: 'Change…' }));
    const form = within(card).getByRole('form', { name: 'Change Exam review' });
    // 16:00 UTC shows as 01:00 the next day in Tokyo
    expect(within(form).getByLabelText('Starts (Asia/Tokyo)')).toHaveValue('2030-05-07T01:00');
    fireEvent.change(within(form).getByLabelText('Title'), { target: { value: 'Exam review, part 2' } });
    fireEvent.change(within(form).getByLabelText('Minutes'), { target: { value: '90' } });
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Meeting changed')).toBeInTheDocument();
    expect(sent).toMatchObject({ title: 'Exam review, part 2', agenda: 'Past papers' });
    expect(Date.parse(sent!.startsAt as string)).toBe(Date.parse('2030-05-06T16:00:00Z'));
    expect(Date.parse(sent!.endsAt as string)).toBe(Date.parse('2030-05-06T17:30:00Z'));
  });
});
