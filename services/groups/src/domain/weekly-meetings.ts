// A group that meets weekly has its meetings written ahead, four weeks at a time, so members can answer and add
// them to their calendars. Each is an ordinary meeting, cancelled or answered one by one; its id comes from the
// group and its start, so however many instances plan at once, each week's meeting is written once. Planning
// happens when the group is created or its schedule changes, and when its coming meetings are read: no timer.
import { DateTime } from 'luxon';
import { v5 as uuidv5 } from 'uuid';
import type { GroupsDependencies } from '../dependencies';
import type { GroupRecord, WeeklySchedule } from '../data/group-repository';
import type { MeetingRecord } from '../data/meeting-repository';

/** How far ahead a weekly group's meetings exist. */
export const WEEKLY_HORIZON_DAYS = 28;
const NAMESPACE = '5b8f7c1e-3d2a-4e6f-9a1b-7c4d2e0f8a63';

export interface Occurrence {
  startsAt: string;
  endsAt: string;
}

/** The schedule's starts after `from` and within `days`, at its wall-clock time in its own zone (DST included). */
export function weeklyOccurrences(schedule: WeeklySchedule, from: Date, days: number): Occurrence[] {
  const [hour, minute] = schedule.start.split(':').map(Number);
  const today = DateTime.fromJSDate(from, { zone: schedule.timezone }).set({ hour, minute, second: 0, millisecond: 0 });
  let at = today.plus({ days: (schedule.weekday - today.weekday + 7) % 7 });
  const until = from.getTime() + days * 86_400_000;
  const found: Occurrence[] = [];
  for (; at.toMillis() <= until; at = at.plus({ weeks: 1 })) {
    if (at.toMillis() <= from.getTime()) continue;
    found.push({ startsAt: at.toUTC().toISO()!, endsAt: at.plus({ minutes: schedule.durationMinutes }).toUTC().toISO()! });
  }
  return found;
}

/** The same week of the same schedule is the same meeting, whoever writes it. */
export const weeklyMeetingId = (groupId: string, o: Occurrence) => uuidv5(`${groupId}/${o.startsAt}/${o.endsAt}`, NAMESPACE);

/**
 * Writes the weekly meetings of the coming weeks that `known` (the group's meetings, as just read) lacks, and
 * answers `known` with them. A meeting cancelled on its own stays cancelled: it is known, so never rewritten.
 */
export async function planWeeklyMeetings(
  deps: GroupsDependencies,
  group: GroupRecord,
  known: MeetingRecord[],
  now = new Date(),
): Promise<MeetingRecord[]> {
  if (!group.schedule || group.status !== 'active') return known;
  const ids = new Set(known.map((m) => m.id));
  const missing = weeklyOccurrences(group.schedule, now, WEEKLY_HORIZON_DAYS).filter((o) => !ids.has(weeklyMeetingId(group.id, o)));
  const written = await Promise.all(
    missing.map((o) =>
      deps.meetings.createWeekly(group.id, weeklyMeetingId(group.id, o), group.ownerId, {
        title: 'Weekly meeting',
        ...o,
        timezone: group.schedule!.timezone,
        location: group.location,
        meetingLink: group.meetingLink,
        agenda: '',
        capacity: null,
      }),
    ),
  );
  return [...known, ...written].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * After the schedule changes or ends: the coming weekly meetings the new schedule does not have are cancelled
 * (those it keeps keep their answers), then the new ones are written.
 */
export async function replanWeeklyMeetings(deps: GroupsDependencies, before: GroupRecord, after: GroupRecord, now = new Date()) {
  if (JSON.stringify(before.schedule) === JSON.stringify(after.schedule)) return;
  const keep = new Set(
    after.schedule && after.status === 'active'
      ? weeklyOccurrences(after.schedule, now, WEEKLY_HORIZON_DAYS).map((o) => weeklyMeetingId(after.id, o))
      : [],
  );
  const known = await deps.meetings.list(after.id);
  const stale = known.filter((m) => m.weekly && m.status === 'scheduled' && Date.parse(m.startsAt) > now.getTime() && !keep.has(m.id));
  await Promise.all(stale.map((m) => deps.meetings.cancel(after.id, m.id, 'The group’s weekly schedule changed')));
  // the planner needs only the ids it knows, and cancelling changed none: no second read
  await planWeeklyMeetings(deps, after, known, now);
}
