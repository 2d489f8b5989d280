import fc from 'fast-check';
import { DateTime } from 'luxon';
import { computeSlots, type AvailabilityPolicy, type BusyBooking, type MinuteRange } from './slots';

const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'UTC'];
const MINUTE = 60_000;

const range = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 24 }))
  .map(([slot, span]): MinuteRange => ({ start: slot * 15, end: Math.min(1440, slot * 15 + span * 15) }));

const windowStart = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-01T00:00:00Z'), noInvalidDate: true });

const scenario = fc
  .record({
    timezone: fc.constantFrom(...zones),
    weekly: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), range }), { maxLength: 12 }),
    overrideOffsets: fc.array(fc.record({ day: fc.integer({ min: 0, max: 20 }), ranges: fc.array(range, { maxLength: 3 }) }), {
      maxLength: 4,
    }),
    from: windowStart,
    days: fc.integer({ min: 1, max: 20 }),
    nowOffsetHours: fc.integer({ min: -48, max: 48 }),
    lengthMinutes: fc.constantFrom(15, 30, 45, 60, 90),
    bufferBeforeMinutes: fc.constantFrom(0, 5, 10, 15),
    bufferAfterMinutes: fc.constantFrom(0, 5, 10, 15),
    minNoticeMinutes: fc.constantFrom(0, 60, 720),
    maxHorizonDays: fc.integer({ min: 1, max: 60 }),
    maxSessionsPerDay: fc.option(fc.integer({ min: 1, max: 4 })),
    bookingOffsets: fc.array(fc.record({ hours: fc.integer({ min: 0, max: 480 }), minutes: fc.constantFrom(30, 60, 90) }), {
      maxLength: 10,
    }),
    timeOffOffsets: fc.array(fc.record({ hours: fc.integer({ min: 0, max: 480 }), span: fc.integer({ min: 1, max: 72 }) }), {
      maxLength: 3,
    }),
  })
  .map((s) => {
    const from = s.from;
    const to = new Date(from.getTime() + s.days * 24 * 60 * MINUTE);
    const localFrom = DateTime.fromJSDate(from, { zone: s.timezone });
    const policy: AvailabilityPolicy = {
      timezone: s.timezone,
      weekly: s.weekly.map((w) => ({ weekday: w.weekday, ...w.range })),
      overrides: s.overrideOffsets.map((o) => ({ date: localFrom.plus({ days: o.day }).toISODate()!, ranges: o.ranges })),
      timeOff: s.timeOffOffsets.map((t) => ({
        start: new Date(from.getTime() + t.hours * 60 * MINUTE),
        end: new Date(from.getTime() + (t.hours + t.span) * 60 * MINUTE),
      })),
      bufferBeforeMinutes: s.bufferBeforeMinutes,
      bufferAfterMinutes: s.bufferAfterMinutes,
      minNoticeMinutes: s.minNoticeMinutes,
      maxHorizonDays: s.maxHorizonDays,
      maxSessionsPerDay: s.maxSessionsPerDay,
    };
    const bookings: BusyBooking[] = s.bookingOffsets.map((b) => {
      const start = new Date(from.getTime() + b.hours * 60 * MINUTE);
      return { start, blocked: { start, end: new Date(start.getTime() + b.minutes * MINUTE) } };
    });
    return {
      policy,
      bookings,
      query: { from, to, lengthMinutes: s.lengthMinutes, now: new Date(from.getTime() + s.nowOffsetHours * 60 * MINUTE) },
    };
  });

/** Minutes from the local date's midnight to the instant's wall-clock time (may exceed 1440 on the next day). */
function wallMinutes(date: DateTime, epoch: number, zone: string): number {
  const local = DateTime.fromMillis(epoch, { zone });
  return (
    (Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - Date.UTC(date.year, date.month - 1, date.day)) / MINUTE
  );
}

describe('slot computation over random rule sets', () => {
  it('when rules, zones, buffers, bookings and time off are random, then slots never overlap each other, bookings or time off, and always fall inside the rules', () => {
    fc.assert(
      fc.property(scenario, ({ policy, bookings, query }) => {
        const slots = computeSlots(policy, bookings, query);
        const zone = policy.timezone;
        const now = query.now.getTime();
        for (const [i, slot] of slots.entries()) {
          const start = slot.start.getTime();
          const end = slot.end.getTime();
          expect(end - start).toBe(query.lengthMinutes * MINUTE);
          if (i > 0) expect(start).toBeGreaterThanOrEqual(slots[i - 1]!.end.getTime());
          expect(start).toBeGreaterThanOrEqual(Math.max(query.from.getTime(), now + policy.minNoticeMinutes * MINUTE));
          expect(start).toBeLessThan(Math.min(query.to.getTime(), now + policy.maxHorizonDays * 24 * 60 * MINUTE));
          for (const off of policy.timeOff) expect(start < off.end.getTime() && off.start.getTime() < end).toBe(false);
          for (const b of bookings) {
            const overlaps =
              start - policy.bufferBeforeMinutes * MINUTE < b.blocked.end.getTime() &&
              b.blocked.start.getTime() < end + policy.bufferAfterMinutes * MINUTE;
            expect(overlaps).toBe(false);
          }
          const localStart = DateTime.fromMillis(start, { zone });
          const date = localStart.startOf('day');
          const dayOverrides = policy.overrides.filter((o) => o.date === date.toISODate());
          const rules =
            dayOverrides.length > 0 ? dayOverrides.flatMap((o) => o.ranges) : policy.weekly.filter((w) => w.weekday === date.weekday);
          // every moment of the session (sampled each 5 minutes) shows a wall-clock time inside the day's ranges;
          // on a fall-back day a session may end at the same wall time it started, so ends alone prove nothing
          const covered = (m: number) => rules.some((r) => r.start <= m && m < r.end);
          for (let t = start; t < end; t += 5 * MINUTE) expect(covered(wallMinutes(date, t, zone))).toBe(true);
          expect(slot.tutorLocalStart).toBe(localStart.toFormat("yyyy-MM-dd'T'HH:mm"));
          if (policy.maxSessionsPerDay !== null) {
            const sameDay = bookings.filter((b) => DateTime.fromJSDate(b.start, { zone }).toISODate() === date.toISODate()).length;
            expect(sameDay).toBeLessThan(policy.maxSessionsPerDay);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
