import { describe, expect, it } from 'vitest';
import { fromLocalInput, localInput, nextOccurrence } from './next-meeting';

const mondays = { weekday: 1, start: '18:00', durationMinutes: 90, timezone: 'Europe/London' };

describe('the next meeting of a weekly schedule', () => {
  it('when the day comes later this week, then that day at the schedule’s own wall-clock time', () => {
    expect(nextOccurrence(mondays, new Date('2027-01-08T12:00:00Z')).toUTC().toISO()).toBe('2027-01-11T18:00:00.000Z');
  });

  it('when the clocks change before it, then it still starts at 18:00 local (17:00 UTC in summer time)', () => {
    expect(nextOccurrence(mondays, new Date('2027-03-26T12:00:00Z')).toUTC().toISO()).toBe('2027-03-29T17:00:00.000Z');
  });

  it('when today’s meeting has begun, then next week’s', () => {
    expect(nextOccurrence(mondays, new Date('2027-01-11T18:30:00Z')).toUTC().toISO()).toBe('2027-01-18T18:00:00.000Z');
  });

  it('when shown in the viewer’s zone and read back, then it is the same instant', () => {
    const at = nextOccurrence(mondays, new Date('2027-01-08T12:00:00Z'));
    expect(localInput(at, 'Asia/Tokyo')).toBe('2027-01-12T03:00');
    expect(fromLocalInput('2027-01-12T03:00', 'Asia/Tokyo').toISO()).toBe('2027-01-11T18:00:00.000Z');
  });
});
