import { DateTime } from 'luxon';
import { computeSlots, type AvailabilityPolicy, type BusyBooking } from './slots';

const policy = (overrides: Partial<AvailabilityPolicy> = {}): AvailabilityPolicy => ({
  timezone: 'America/New_York',
  weekly: [],
  overrides: [],
  timeOff: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  maxHorizonDays: 365,
  maxSessionsPerDay: null,
  ...overrides,
});
const everyDay = (start: string, end: string) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: minutes(start), end: minutes(end) }));
function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}
const at = (iso: string) => new Date(iso);
const starts = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());
const longAgo = at('2026-09-01T00:00:00Z');

describe('slots across DST changes', () => {
  it('when New York falls back on 2026-11-01, then a 09:00 rule stays 09:00 local (13:00Z before, 14:00Z after)', () => {
    const slots = computeSlots(policy({ weekly: everyDay('09:00', '10:00') }), [], {
      from: at('2026-10-31T00:00:00Z'),
      to: at('2026-11-03T00:00:00Z'),
      lengthMinutes: 60,
      now: longAgo,
    });
    expect(starts(slots)).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z']);
    expect(slots.map((s) => s.tutorLocalStart)).toEqual(['2026-10-31T09:00', '2026-11-01T09:00', '2026-11-02T09:00']);
  });

  it('when New York springs forward on 2027-03-14, then 02:00 (which does not exist) is skipped and 09:00 stays local', () => {
    const slots = computeSlots(
      policy({
        weekly: [
          { weekday: 7, start: minutes('01:00'), end: minutes('04:00') },
          { weekday: 1, start: minutes('09:00'), end: minutes('10:00') },
        ],
      }),
      [],
      {
        from: at('2027-03-14T00:00:00Z'),
        to: at('2027-03-16T00:00:00Z'),
        lengthMinutes: 60,
        now: longAgo,
      },
    );
    expect(slots.map((s) => s.tutorLocalStart)).toEqual(['2027-03-14T01:00', '2027-03-14T03:00', '2027-03-15T09:00']);
    expect(starts(slots)).toEqual(['2027-03-14T06:00:00.000Z', '2027-03-14T07:00:00.000Z', '2027-03-15T13:00:00.000Z']);
  });

  it('when a session would run past the range because of the lost hour, then it is not offered', () => {
    // 01:30 + 60 min = 03:30 EDT, past the 03:00 end of the range
    const slots = computeSlots(policy({ weekly: [{ weekday: 7, start: minutes('01:30'), end: minutes('03:00') }] }), [], {
      from: at('2027-03-14T00:00:00Z'),
      to: at('2027-03-15T00:00:00Z'),
      lengthMinutes: 60,
      now: longAgo,
    });
    expect(slots).toEqual([]);
  });

  it('when a session crosses the lost hour, then the next grid slot that would overlap it in real time is dropped', () => {
    // 01:30 EST + 45 min ends at 03:15 EDT, after the 03:00 grid slot starts (found by the property test)
    const slots = computeSlots(policy({ weekly: [{ weekday: 7, start: 0, end: minutes('03:45') }] }), [], {
      from: at('2026-03-08T05:00:00Z'),
      to: at('2026-03-09T05:00:00Z'),
      lengthMinutes: 45,
      now: at('2026-03-01T00:00:00Z'),
    });
    expect(slots.map((s) => s.tutorLocalStart)).toEqual(['2026-03-08T00:00', '2026-03-08T00:45', '2026-03-08T01:30']);
  });

  it('when Santiago springs forward at midnight (2027-09-05), then the missing 00:00-01:00 is not offered as the evening before', () => {
    // found by the property test: the day starts at 01:00 there, so 00:00 must not map to 23:00 on 09-04
    const tz = policy({ timezone: 'America/Santiago', overrides: [{ date: '2027-09-05', ranges: [{ start: 0, end: minutes('02:00') }] }] });
    const slots = computeSlots(tz, [], {
      from: at('2027-09-04T00:00:00Z'),
      to: at('2027-09-06T00:00:00Z'),
      lengthMinutes: 60,
      now: at('2027-09-01T00:00:00Z'),
    });
    expect(slots.map((s) => s.tutorLocalStart)).toEqual(['2027-09-05T01:00']);
    expect(starts(slots)).toEqual(['2027-09-05T04:00:00.000Z']);
  });

  it('when a session would run back into wall times before the range (fall back), then it is not offered', () => {
    // found by the property test: 01:45 EDT + 30 min ends at 01:15 EST, before the 01:45 start of the range
    const tz = policy({ weekly: [{ weekday: 7, start: minutes('01:45'), end: minutes('02:15') }] });
    const slots = computeSlots(tz, [], {
      from: at('2026-11-01T04:00:00Z'),
      to: at('2026-11-02T04:00:00Z'),
      lengthMinutes: 30,
      now: longAgo,
    });
    // ambiguous times take their first occurrence only, and that one does not fit
    expect(slots).toEqual([]);
    // the same rule on an ordinary Sunday offers 01:45
    const ordinary = computeSlots(tz, [], {
      from: at('2026-11-08T05:00:00Z'),
      to: at('2026-11-09T05:00:00Z'),
      lengthMinutes: 30,
      now: longAgo,
    });
    expect(ordinary.map((s) => s.tutorLocalStart)).toEqual(['2026-11-08T01:45']);
  });

  it('when New York falls back, then the repeated 01:00-02:00 hour is offered once, not twice', () => {
    const slots = computeSlots(policy({ weekly: [{ weekday: 7, start: minutes('00:00'), end: minutes('03:00') }] }), [], {
      from: at('2026-11-01T00:00:00Z'),
      to: at('2026-11-02T00:00:00Z'),
      lengthMinutes: 60,
      now: longAgo,
    });
    expect(slots.map((s) => s.tutorLocalStart)).toEqual(['2026-11-01T00:00', '2026-11-01T01:00', '2026-11-01T02:00']);
    expect(starts(slots)).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z']);
  });

  it('when London changes clocks (2026-10-25, 2027-03-28), then 09:00 stays 09:00 local', () => {
    const tz = policy({ timezone: 'Europe/London', weekly: everyDay('09:00', '09:30') });
    const autumn = computeSlots(tz, [], {
      from: at('2026-10-24T00:00:00Z'),
      to: at('2026-10-26T00:00:00Z'),
      lengthMinutes: 30,
      now: longAgo,
    });
    expect(starts(autumn)).toEqual(['2026-10-24T08:00:00.000Z', '2026-10-25T09:00:00.000Z']);
    const spring = computeSlots(tz, [], {
      from: at('2027-03-27T00:00:00Z'),
      to: at('2027-03-29T00:00:00Z'),
      lengthMinutes: 30,
      now: longAgo,
    });
    expect(starts(spring)).toEqual(['2027-03-27T09:00:00.000Z', '2027-03-28T08:00:00.000Z']);
  });

  it('when the tutor is in Asia/Kolkata (+05:30, no DST), then 09:00 is 03:30Z every day', () => {
    const slots = computeSlots(policy({ timezone: 'Asia/Kolkata', weekly: everyDay('09:00', '10:00') }), [], {
      from: at('2026-11-01T00:00:00Z'),
      to: at('2026-11-03T00:00:00Z'),
      lengthMinutes: 60,
      now: longAgo,
    });
    expect(starts(slots)).toEqual(['2026-11-01T03:30:00.000Z', '2026-11-02T03:30:00.000Z']);
  });

  it('when Lord Howe Island moves its clocks by 30 minutes (2026-10-04), then 02:00-02:30 is skipped and 09:00 stays local', () => {
    const tz = policy({
      timezone: 'Australia/Lord_Howe',
      weekly: [
        { weekday: 7, start: minutes('01:00'), end: minutes('04:00') },
        { weekday: 1, start: minutes('09:00'), end: minutes('09:30') },
      ],
    });
    const slots = computeSlots(tz, [], {
      from: at('2026-10-03T12:00:00Z'),
      to: at('2026-10-05T12:00:00Z'),
      lengthMinutes: 30,
      now: longAgo,
    });
    expect(slots.map((s) => s.tutorLocalStart)).toEqual([
      '2026-10-04T01:00',
      '2026-10-04T01:30',
      '2026-10-04T02:30',
      '2026-10-04T03:00',
      '2026-10-04T03:30',
      '2026-10-05T09:00',
    ]);
    // +10:30 before the change, +11:00 after it
    expect(starts(slots)[0]).toBe('2026-10-03T14:30:00.000Z');
    expect(starts(slots)[5]).toBe('2026-10-04T22:00:00.000Z');
  });

  it('when Lord Howe Island turns back 30 minutes (2027-04-04), then each local time is offered once', () => {
    const tz = policy({ timezone: 'Australia/Lord_Howe', weekly: [{ weekday: 7, start: minutes('01:00'), end: minutes('03:00') }] });
    const slots = computeSlots(tz, [], {
      from: at('2027-04-03T12:00:00Z'),
      to: at('2027-04-04T12:00:00Z'),
      lengthMinutes: 30,
      now: longAgo,
    });
    expect(slots.map((s) => s.tutorLocalStart)).toEqual(['2027-04-04T01:00', '2027-04-04T01:30', '2027-04-04T02:00', '2027-04-04T02:30']);
    expect(new Set(starts(slots)).size).toBe(4);
  });

  it('when the booker is in Tokyo and asks for their own Monday, then they get the tutor Monday 09:00 New York slot at 23:00 Tokyo', () => {
    const tokyoMonday = DateTime.fromISO('2026-11-02T00:00', { zone: 'Asia/Tokyo' });
    const slots = computeSlots(policy({ weekly: everyDay('09:00', '10:00') }), [], {
      from: tokyoMonday.toJSDate(),
      to: tokyoMonday.plus({ days: 1 }).toJSDate(),
      lengthMinutes: 60,
      now: longAgo,
    });
    expect(starts(slots)).toEqual(['2026-11-02T14:00:00.000Z']);
    expect(DateTime.fromJSDate(slots[0]!.start, { zone: 'Asia/Tokyo' }).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-11-02 23:00');
    expect(slots[0]!.tutorLocalStart).toBe('2026-11-02T09:00');
  });
});

describe('slots and the booking rules', () => {
  const week = { from: at('2026-11-02T00:00:00Z'), to: at('2026-11-09T00:00:00Z'), lengthMinutes: 60, now: longAgo };
  const tutor = policy({ timezone: 'UTC', weekly: [{ weekday: 1, start: minutes('09:00'), end: minutes('13:00') }] });

  it('when a booking is held with buffers, then slots whose buffered range reaches into it are gone (ranges are half-open)', () => {
    const booking: BusyBooking = {
      start: at('2026-11-02T10:00:00Z'),
      blocked: { start: at('2026-11-02T10:00:00Z'), end: at('2026-11-02T11:15:00Z') },
    };
    const slots = computeSlots({ ...tutor, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 }, [booking], week);
    expect(starts(slots)).toEqual(['2026-11-02T09:00:00.000Z', '2026-11-02T12:00:00.000Z']);
    // the grid steps 75 minutes (09:00, 10:15, 11:30); 09:00 would need 15 minutes after it, reaching into the booking
    const buffered = computeSlots({ ...tutor, bufferBeforeMinutes: 0, bufferAfterMinutes: 15 }, [booking], week);
    expect(starts(buffered)).toEqual(['2026-11-02T11:30:00.000Z']);
    // 15 minutes before: 09:00's block ends at 10:00 where the booking starts, 11:30's starts at 11:15 where it ends
    const before = computeSlots({ ...tutor, bufferBeforeMinutes: 15, bufferAfterMinutes: 0 }, [booking], week);
    expect(starts(before)).toEqual(['2026-11-02T09:00:00.000Z', '2026-11-02T11:30:00.000Z']);
  });

  it('when a tutor keeps 15-minute buffers, then slots step by length plus buffers and booking one leaves its neighbours open', () => {
    const buffered = policy({
      timezone: 'UTC',
      weekly: [{ weekday: 1, start: minutes('09:00'), end: minutes('17:00') }],
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
    });
    const open = computeSlots(buffered, [], week);
    expect(open.map((s) => s.tutorLocalStart.slice(11))).toEqual(['09:00', '10:30', '12:00', '13:30', '15:00']);
    const booked: BusyBooking = {
      start: at('2026-11-02T10:30:00Z'),
      blocked: { start: at('2026-11-02T10:15:00Z'), end: at('2026-11-02T11:45:00Z') },
    };
    const left = computeSlots(buffered, [booked], week);
    expect(left.map((s) => s.tutorLocalStart.slice(11))).toEqual(['09:00', '12:00', '13:30', '15:00']);
  });

  it('when minimum notice and the horizon apply, then only slots inside both are offered', () => {
    const now = at('2026-11-02T08:30:00Z');
    const slots = computeSlots({ ...tutor, minNoticeMinutes: 120, maxHorizonDays: 1 }, [], { ...week, now });
    expect(starts(slots)).toEqual(['2026-11-02T11:00:00.000Z', '2026-11-02T12:00:00.000Z']);
    expect(computeSlots({ ...tutor, maxHorizonDays: 0 }, [], { ...week, now })).toEqual([]);
  });

  it('when an override exists for a date, then it replaces the weekly hours; an empty one closes the day', () => {
    const withExtra = computeSlots(
      { ...tutor, overrides: [{ date: '2026-11-02', ranges: [{ start: minutes('18:00'), end: minutes('19:00') }] }] },
      [],
      week,
    );
    expect(starts(withExtra)).toEqual(['2026-11-02T18:00:00.000Z']);
    expect(computeSlots({ ...tutor, overrides: [{ date: '2026-11-02', ranges: [] }] }, [], week)).toEqual([]);
  });

  it('when time off covers part of a day, then slots overlapping it are gone', () => {
    const slots = computeSlots({ ...tutor, timeOff: [{ start: at('2026-11-02T09:30:00Z'), end: at('2026-11-02T11:00:00Z') }] }, [], week);
    expect(starts(slots)).toEqual(['2026-11-02T11:00:00.000Z', '2026-11-02T12:00:00.000Z']);
  });

  it('when the day already has its maximum number of sessions, then no more slots that day', () => {
    const booking: BusyBooking = {
      start: at('2026-11-02T09:00:00Z'),
      blocked: { start: at('2026-11-02T09:00:00Z'), end: at('2026-11-02T10:00:00Z') },
    };
    expect(computeSlots({ ...tutor, maxSessionsPerDay: 1 }, [booking], week)).toEqual([]);
    expect(computeSlots({ ...tutor, maxSessionsPerDay: 2 }, [booking], week)).toHaveLength(3);
  });

  it('when ranges of one day overlap, then they merge and the slots do not overlap each other', () => {
    const slots = computeSlots(
      {
        ...tutor,
        weekly: [
          { weekday: 1, start: minutes('09:00'), end: minutes('11:00') },
          { weekday: 1, start: minutes('10:30'), end: minutes('12:00') },
        ],
      },
      [],
      week,
    );
    expect(starts(slots)).toEqual(['2026-11-02T09:00:00.000Z', '2026-11-02T10:00:00.000Z', '2026-11-02T11:00:00.000Z']);
  });
});
