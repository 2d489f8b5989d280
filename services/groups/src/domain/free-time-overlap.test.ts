import { bestTimes, overlapWeek, type MemberFreeTime } from './free-time-overlap';

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};
const free = (timezone: string, weekday: number, start: string, end: string): MemberFreeTime => ({
  timezone,
  weekly: [{ weekday, start: minutes(start), end: minutes(end) }],
});
// Monday 2 Nov 2026, 06:00 UTC
const now = new Date('2026-11-02T06:00:00Z');

describe('overlapping members’ free time across zones', () => {
  it('when members in Berlin, New York and Tokyo mark the same instant in their own zones, then the viewer sees all three there', () => {
    // Tuesday 3 Nov 18:00-20:00 UTC is 19:00-21:00 in Berlin, 13:00-15:00 in New York, Wednesday 03:00-05:00 in Tokyo
    const members = [
      free('Europe/Berlin', 2, '19:00', '21:00'),
      free('America/New_York', 2, '13:00', '15:00'),
      free('Asia/Tokyo', 3, '03:00', '05:00'),
    ];
    const week = overlapWeek(members, 'Europe/London', now);
    expect(week.map((d) => d.date)).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
      '2026-11-08',
    ]);
    const tuesday = week[1]!.cells;
    expect(tuesday).toHaveLength(48);
    const counted = tuesday.filter((c) => c.free > 0).map((c) => `${c.start.slice(11, 16)}=${c.free}`);
    expect(counted).toEqual(['18:00=3', '18:30=3', '19:00=3', '19:30=3']);
    expect(bestTimes(week, now, 60)).toEqual([
      { start: '2026-11-03T18:00:00.000Z', end: '2026-11-03T19:00:00.000Z', free: 3 },
      { start: '2026-11-03T19:00:00.000Z', end: '2026-11-03T20:00:00.000Z', free: 3 },
    ]);
  });

  it('when only some overlap, then the best windows put the most members first, then the earliest, never overlapping', () => {
    const members = [free('UTC', 1, '10:00', '12:00'), free('UTC', 1, '11:00', '13:00'), free('UTC', 4, '09:00', '10:00')];
    const best = bestTimes(overlapWeek(members, 'UTC', now), now, 60);
    expect(best).toEqual([
      { start: '2026-11-02T11:00:00.000Z', end: '2026-11-02T12:00:00.000Z', free: 2 },
      { start: '2026-11-02T10:00:00.000Z', end: '2026-11-02T11:00:00.000Z', free: 1 },
      { start: '2026-11-02T12:00:00.000Z', end: '2026-11-02T13:00:00.000Z', free: 1 },
    ]);
  });

  it('when a window has already started, or a half hour is only partly free, then it is not offered', () => {
    const members = [free('UTC', 1, '05:00', '07:00'), free('Asia/Kathmandu', 1, '18:00', '19:00')];
    const week = overlapWeek(members, 'UTC', now);
    // 05:00-06:00 is past at 06:00; Kathmandu is UTC+5:45, so 18:00-19:00 there never covers a whole UTC half hour but one
    expect(week[0]!.cells.filter((c) => c.free > 0).map((c) => c.start.slice(11, 16))).toEqual([
      '05:00',
      '05:30',
      '06:00',
      '06:30',
      '12:30',
    ]);
    expect(bestTimes(week, now, 60)).toEqual([{ start: '2026-11-02T06:00:00.000Z', end: '2026-11-02T07:00:00.000Z', free: 1 }]);
  });

  it('when the viewer’s clocks change in the week, then that day has its real half hours', () => {
    // New York falls back on Sunday 1 Nov 2026: a viewer there on Saturday 31 Oct sees a 25-hour Sunday
    const week = overlapWeek([free('UTC', 7, '00:00', '24:00')], 'America/New_York', new Date('2026-10-31T12:00:00Z'));
    expect(week[1]!.date).toBe('2026-11-01');
    expect(week[1]!.cells).toHaveLength(50);
    expect(week[1]!.cells[0]!.start).toBe('2026-11-01T04:00:00.000Z');
    expect(week[1]!.cells.at(-1)!.start).toBe('2026-11-02T04:30:00.000Z');
    expect(week[2]!.cells).toHaveLength(48);
  });
});
