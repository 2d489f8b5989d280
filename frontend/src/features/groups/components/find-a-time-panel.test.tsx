import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import type { FreeTimeOverlap, Group } from '../api/groups';
import { FindATimePanel } from './find-a-time-panel';

const groupId = '66666666-6666-4666-8666-666666666666';
const group = (role: 'owner' | 'member') =>
  ({
    id: groupId,
    name: 'Linear algebra',
    status: 'active',
    viewer: { role, waitlistPosition: null, requested: false, banned: false },
  }) as Group;

/** Seven days from Monday 6 May 2030 in Tokyo, with three of four members free 18:00-19:30 UTC on the Monday. */
function overlap(): FreeTimeOverlap {
  const days = Array.from({ length: 7 }, (_, d) => {
    const midnight = Date.parse('2030-05-05T15:00:00Z') + d * 86_400_000; // 00:00 in Tokyo
    return {
      date: new Date(midnight + 9 * 3_600_000).toISOString().slice(0, 10),
      cells: Array.from({ length: 48 }, (_, c) => {
        const start = new Date(midnight + c * 1_800_000).toISOString();
        return { start, free: d === 1 && c >= 6 && c < 9 ? 3 : 0 };
      }),
    };
  });
  return {
    timezone: 'Asia/Tokyo',
    members: 4,
    answered: 3,
    days,
    best: [{ start: '2030-05-06T18:00:00.000Z', end: '2030-05-06T19:00:00.000Z', free: 3 }],
  };
}

function serve() {
  const sent: { free?: unknown; meeting?: Record<string, unknown> } = {};
  server.use(
    http.get(`/api/groups/${groupId}/free-time/mine`, () => HttpResponse.json({ timezone: 'UTC', weekly: [], updatedAt: null })),
    http.put(`/api/groups/${groupId}/free-time/mine`, async ({ request }) => {
      sent.free = await request.json();
      return HttpResponse.json({ ...(sent.free as object), updatedAt: '2030-05-01T00:00:00.000Z' });
    }),
    http.get(`/api/groups/${groupId}/free-time`, () => HttpResponse.json(overlap())),
    http.post(`/api/groups/${groupId}/meetings`, async ({ request }) => {
      sent.meeting = (await request.json()) as Record<string, unknown>;
      return HttpResponse.json({ ...sent.meeting, id: 'm1' }, { status: 201 });
    }),
  );
  return sent;
}

describe('finding a time for a group', () => {
  it('when members marked their time, then the best time shows in my zone with the heat map, and the owner schedules it in one click', async () => {
    givenSession(signedInUser); // Asia/Tokyo
    const sent = serve();
    renderPage([{ path: '/', element: <FindATimePanel group={group('owner')} /> }], '/');
    expect(await screen.findByText('3 of 4 members have marked their free time.')).toBeInTheDocument();
    // 18:00 UTC on 6 May is 03:00 on 7 May in Tokyo
    const best = screen.getByText(/7 May 2030, 03:00 GMT\+9–04:00/).closest('li')!;
    expect(within(best).getByText(/3 of 3 free/)).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).getAllByText('3')).toHaveLength(3);
    await userEvent.click(within(best).getByRole('button', { name: 'Schedule this' }));
    await waitFor(() =>
      expect(sent.meeting).toMatchObject({
        title: 'Linear algebra',
        startsAt: '2030-05-06T18:00:00.000Z',
        endsAt: '2030-05-06T19:00:00.000Z',
      }),
    );
  });

  it('when I mark my free time, then it is saved in my zone; members cannot schedule', async () => {
    givenSession(signedInUser);
    const sent = serve();
    renderPage([{ path: '/', element: <FindATimePanel group={group('member')} /> }], '/');
    fireEvent.pointerDown(await screen.findByLabelText('Tue 18:00'));
    fireEvent.click(screen.getByText('Save my free time'));
    await waitFor(() => expect(sent.free).toEqual({ timezone: 'Asia/Tokyo', weekly: [{ weekday: 2, start: '18:00', end: '18:30' }] }));
    expect(await screen.findByText(/3 of 3 free/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Schedule this' })).not.toBeInTheDocument();
  });
});
