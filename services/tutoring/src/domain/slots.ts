// Open slots from a tutor's rules: pure computation, no I/O. Rules are wall-clock times in the tutor's zone;
// slots are UTC instants. A 09:00 rule stays 09:00 local across DST; local times that do not exist (spring
// forward) are skipped; ambiguous ones (fall back) are taken once, at their first occurrence.
import { DateTime } from 'luxon';

/** Minutes after local midnight, [start, end); end may be 1440 (midnight at the end of the day). */
export interface MinuteRange {
  start: number;
  end: number;
}

export interface WeeklyRule extends MinuteRange {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
}

/** Replaces the weekly rules on its date; no ranges means the whole day is unavailable. */
export interface DateOverride {
  date: string;
  ranges: MinuteRange[];
}

export interface Interval {
  start: Date;
  end: Date;
}

export interface AvailabilityPolicy {
  timezone: string;
  weekly: WeeklyRule[];
  overrides: DateOverride[];
  timeOff: Interval[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxHorizonDays: number;
  maxSessionsPerDay: number | null;
}

/** An active booking: its session, and the range it blocks (session plus the buffers it was booked with). */
export interface BusyBooking {
  start: Date;
  blocked: Interval;
}

export interface SlotQuery {
  from: Date;
  to: Date;
  lengthMinutes: number;
  now: Date;
  /** Stop after this many slots (search only needs a tutor's first). */
  maxSlots?: number;
}

export interface Slot {
  start: Date;
  end: Date;
  /** Wall-clock start and end in the tutor's zone, e.g. 2026-11-02T09:00. */
  tutorLocalStart: string;
  tutorLocalEnd: string;
}

const MINUTE = 60_000;
const localFormat = "yyyy-MM-dd'T'HH:mm";

/** Sorted, non-overlapping copies of the intervals, as epoch-millisecond pairs. */
function merge(intervals: Array<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Whether [start, end) overlaps any interval in `sorted` (merged, so ends ascend too): binary search. */
function overlapsAny(sorted: Array<{ start: number; end: number }>, start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.end <= start) low = mid + 1;
    else high = mid;
  }
  const candidate = sorted[low];
  return candidate !== undefined && candidate.start < end;
}

interface DayClock {
  /** The instant of a wall-clock minute of this date, or undefined when that local time does not exist. */
  toInstant(minute: number): number | undefined;
  /** Whether every moment of [start, end) shows a wall-clock time of this date inside `range`. */
  covers(start: number, end: number, range: MinuteRange): boolean;
}

function dayClock(date: DateTime): DayClock {
  const next = date.plus({ days: 1 });
  const midnightUtc = Date.UTC(date.year, date.month - 1, date.day);
  // One offset serves every minute only when the day starts at a real 00:00 and ends on the same offset.
  // Some zones change clocks at midnight (America/Santiago): their day starts at 01:00 and needs the slow path.
  if (date.hour === 0 && date.minute === 0 && date.offset === next.offset) {
    const offsetMs = date.offset * MINUTE;
    const wall = (epoch: number) => (epoch + offsetMs - midnightUtc) / MINUTE;
    return {
      toInstant: (minute) => midnightUtc + minute * MINUTE - offsetMs,
      covers: (start, end, range) => wall(start) >= range.start && wall(end) <= range.end,
    };
  }
  const zone = date.zone;
  // Every offset in force from a little before the day to a little after it.
  const offsets = [
    ...new Set([-14, 0, 12, 24, 38].map((hours) => DateTime.fromMillis(midnightUtc + hours * 60 * MINUTE, { zone }).offset)),
  ];
  const wallOf = (epoch: number) => {
    const local = DateTime.fromMillis(epoch, { zone });
    return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  };
  const wallMinute = (epoch: number) => Math.round((wallOf(epoch) - midnightUtc) / MINUTE);
  const offsetAt = (epoch: number) => DateTime.fromMillis(epoch, { zone }).offset;
  return {
    // Try each offset; keep the earliest instant that shows this wall-clock time. None means the time does not
    // exist (spring forward); two mean it is ambiguous (fall back) and the first occurrence wins.
    toInstant: (minute) => {
      const wall = midnightUtc + minute * MINUTE;
      const matching = offsets.map((offset) => wall - offset * MINUTE).filter((epoch) => wallOf(epoch) === wall);
      return matching.length > 0 ? Math.min(...matching) : undefined;
    },
    // The wall clock runs straight except at the clock change: split the session there (found by bisection to the
    // minute) and require each straight piece to lie inside the range.
    covers: (start, end, range) => {
      const inside = (from: number, to: number) => wallMinute(from) >= range.start && wallMinute(from) + (to - from) / MINUTE <= range.end;
      if (offsetAt(start) === offsetAt(end - MINUTE)) return inside(start, end);
      let low = start;
      let high = end - MINUTE;
      while (high - low > MINUTE) {
        const mid = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
        if (offsetAt(mid) === offsetAt(start)) low = mid;
        else high = mid;
      }
      return inside(start, high) && inside(high, end);
    },
  };
}

export function computeSlots(policy: AvailabilityPolicy, bookings: BusyBooking[], query: SlotQuery): Slot[] {
  const zone = policy.timezone;
  const length = query.lengthMinutes;
  // Candidate starts step by the length plus both buffers: neighbouring slots sit buffer to buffer, so booking
  // one never takes its neighbours away and a tutor with buffers still fills the day.
  const step = length + policy.bufferBeforeMinutes + policy.bufferAfterMinutes;
  const earliest = Math.max(query.from.getTime(), query.now.getTime() + policy.minNoticeMinutes * MINUTE);
  const latest = Math.min(query.to.getTime(), query.now.getTime() + policy.maxHorizonDays * 24 * 60 * MINUTE);
  if (earliest >= latest) return [];

  const busy = merge(bookings.map((b) => ({ start: b.blocked.start.getTime(), end: b.blocked.end.getTime() })));
  const timeOff = merge(policy.timeOff.map((t) => ({ start: t.start.getTime(), end: t.end.getTime() })));
  // Several overrides of one date combine; the API refuses duplicates, but the computation stays well-defined.
  const overrides = new Map<string, MinuteRange[]>();
  for (const o of policy.overrides) overrides.set(o.date, [...(overrides.get(o.date) ?? []), ...o.ranges]);
  const weekly = new Map<number, MinuteRange[]>();
  for (const rule of policy.weekly) weekly.set(rule.weekday, [...(weekly.get(rule.weekday) ?? []), rule]);
  const sessionsPerDay = new Map<string, number>();
  if (policy.maxSessionsPerDay !== null) {
    for (const booking of bookings) {
      const day = DateTime.fromJSDate(booking.start, { zone }).toISODate()!;
      sessionsPerDay.set(day, (sessionsPerDay.get(day) ?? 0) + 1);
    }
  }
  const before = policy.bufferBeforeMinutes * MINUTE;
  const after = policy.bufferAfterMinutes * MINUTE;

  const slots: Slot[] = [];
  const lastDay = DateTime.fromMillis(latest, { zone }).startOf('day');
  for (let day = DateTime.fromMillis(earliest, { zone }).startOf('day'); day <= lastDay; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    // Overlapping or touching ranges of one day form one range, so the slot grid never overlaps itself.
    const ranges = merge(overrides.get(date) ?? weekly.get(day.weekday) ?? []);
    if (ranges.length === 0) continue;
    if (policy.maxSessionsPerDay !== null && (sessionsPerDay.get(date) ?? 0) >= policy.maxSessionsPerDay) continue;
    const clock = dayClock(day);
    const starts = new Set<number>();
    for (const range of ranges) {
      for (let minute = range.start; minute + length <= range.end; minute += step) {
        const start = clock.toInstant(minute);
        if (start === undefined || start < earliest || start >= latest || starts.has(start)) continue;
        const end = start + length * MINUTE;
        // Every moment of the session must fall inside the range in local wall-clock time (matters on DST days).
        if (!clock.covers(start, end, range)) continue;
        if (overlapsAny(timeOff, start, end) || overlapsAny(busy, start - before, end + after)) continue;
        starts.add(start);
      }
    }
    // On a spring-forward day a session crossing the lost hour ends later in wall-clock terms than the grid
    // assumes, so a slot could start before the previous one ends: such a slot is dropped.
    let previousEnd = -Infinity;
    for (const start of [...starts].sort((a, b) => a - b)) {
      if (slots.length === (query.maxSlots ?? Infinity)) return slots;
      if (start < previousEnd) continue;
      const end = start + length * MINUTE;
      previousEnd = end;
      slots.push({
        start: new Date(start),
        end: new Date(end),
        tutorLocalStart: DateTime.fromMillis(start, { zone }).toFormat(localFormat),
        tutorLocalEnd: DateTime.fromMillis(end, { zone }).toFormat(localFormat),
      });
    }
  }
  return slots;
}
