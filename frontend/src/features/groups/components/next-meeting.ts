// When a group next meets by its weekly schedule: the meeting form starts from it.
import { DateTime } from 'luxon';
import type { Group } from '../api/groups';

type Schedule = NonNullable<Group['schedule']>;

/** The schedule's first start after `now`, at its wall-clock time in its own zone (18:00 stays 18:00 across DST). */
export function nextOccurrence(schedule: Schedule, now: Date = new Date()): DateTime {
  const [hour, minute] = schedule.start.split(':').map(Number);
  const today = DateTime.fromJSDate(now, { zone: schedule.timezone }).set({ hour, minute, second: 0, millisecond: 0 });
  const next = today.plus({ days: (schedule.weekday - today.weekday + 7) % 7 });
  return next.toMillis() > now.getTime() ? next : next.plus({ weeks: 1 });
}

/** A `datetime-local` value for an instant, as the clock reads in `zone`. */
export const localInput = (at: DateTime, zone: string) => at.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");

/** The instant a `datetime-local` value means, read in `zone`. */
export const fromLocalInput = (value: string, zone: string) => DateTime.fromISO(value, { zone }).toUTC();
