// Where a group's members' weekly free time overlaps: pure computation, no I/O. Each member marks wall-clock
// ranges in their own zone; the overlap is laid out on the viewer's coming seven days, half hour by half hour,
// so a member in Tokyo and one in Lima land on the same instants (DST included: each instant is read in each
// member's zone).
import { DateTime } from 'luxon';
import type { FreeRange } from '../data/free-time-repository';

export const CELL_MINUTES = 30;
const CELLS_PER_DAY = (24 * 60) / CELL_MINUTES;
const DAYS = 7;

export interface MemberFreeTime {
  timezone: string;
  weekly: FreeRange[];
}

export interface OverlapDay {
  /** The viewer's calendar date, yyyy-MM-dd. */
  date: string;
  /** Each cell's start instant (ISO), and how many members are free for the whole half hour. */
  cells: Array<{ start: string; free: number }>;
}

export interface BestTime {
  start: string;
  end: string;
  /** Members free for the whole of it. */
  free: number;
}

function isFree(member: MemberFreeTime, start: DateTime): boolean {
  const local = start.setZone(member.timezone);
  const minute = local.hour * 60 + local.minute;
  return member.weekly.some((r) => r.weekday === local.weekday && r.start <= minute && minute + CELL_MINUTES <= r.end);
}

/** The viewer's next seven days (today first) as half-hour cells with how many members are free in each. */
export function overlapWeek(members: MemberFreeTime[], viewerZone: string, now: Date): OverlapDay[] {
  const today = DateTime.fromJSDate(now, { zone: viewerZone }).startOf('day');
  return Array.from({ length: DAYS }, (_, d) => {
    const day = today.plus({ days: d });
    const cells = [];
    // by elapsed time from the day's start, so a day when clocks change has its 46 or 50 real half hours
    for (let c = 0; c < CELLS_PER_DAY + 2; c++) {
      const start = day.plus({ minutes: c * CELL_MINUTES });
      if (start.toISODate() !== day.toISODate()) break;
      cells.push({ start: start.toUTC().toISO()!, free: members.filter((m) => isFree(m, start)).length });
    }
    return { date: day.toISODate()!, cells };
  });
}

/**
 * The best windows of `lengthMinutes` still ahead: most members free for all of the window, then earliest.
 * Windows never overlap one another; those with nobody free are left out.
 */
export function bestTimes(week: OverlapDay[], now: Date, lengthMinutes: number, count = 3): BestTime[] {
  const cells = week.flatMap((day) => day.cells).filter((c) => Date.parse(c.start) >= now.getTime());
  const span = Math.ceil(lengthMinutes / CELL_MINUTES);
  const windows: BestTime[] = [];
  for (let i = 0; i + span <= cells.length; i++) {
    const run = cells.slice(i, i + span);
    // consecutive cells only: a DST jump or the end of the week breaks a run
    const contiguous = run.every((c, k) => k === 0 || Date.parse(c.start) - Date.parse(run[k - 1]!.start) === CELL_MINUTES * 60_000);
    const free = Math.min(...run.map((c) => c.free));
    if (!contiguous || free === 0) continue;
    const start = Date.parse(run[0]!.start);
    windows.push({ start: run[0]!.start, end: new Date(start + lengthMinutes * 60_000).toISOString(), free });
  }
  windows.sort((a, b) => b.free - a.free || Date.parse(a.start) - Date.parse(b.start));
  const chosen: BestTime[] = [];
  for (const w of windows) {
    if (chosen.length === count) break;
    if (chosen.some((c) => Date.parse(w.start) < Date.parse(c.end) && Date.parse(c.start) < Date.parse(w.end))) continue;
    chosen.push(w);
  }
  return chosen;
}
