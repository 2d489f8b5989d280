// /api/groups/:groupId/free-time: members mark their weekly free time; everyone sees where it overlaps.
import { z } from 'zod';
import { ianaTimeZone, type Api } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { FreeTimeRecord } from '../data/free-time-repository';
import { getMyFreeTime, groupOverlap, saveMyFreeTime } from '../domain/find-a-time';
import { accessErrors } from '../domain/group-access';
import { groupParams } from './views';

/** Half hours, as the week grid marks them: 00:00 to 24:00. */
const halfHour = z
  .string()
  .regex(/^(([01]\d|2[0-3]):(00|30)|24:00)$/, 'a half hour, HH:00 or HH:30 (24:00 ends the day)')
  .transform((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const freeTimeBody = z.strictObject({
  timezone: ianaTimeZone,
  weekly: z
    .array(
      z
        .strictObject({ weekday: z.number().int().min(1).max(7), start: halfHour, end: halfHour })
        .refine((r) => r.start < r.end, { message: 'end must be after start', path: ['end'] }),
    )
    .max(7 * 24),
});

const freeTimeSchema = z
  .object({
    timezone: z.string(),
    weekly: z.array(z.object({ weekday: z.number().int(), start: z.string(), end: z.string() })),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'FreeTime' });

const freeTimeView = (free: FreeTimeRecord) => ({
  timezone: free.timezone,
  weekly: free.weekly.map((r) => ({ weekday: r.weekday, start: hhmm(r.start), end: hhmm(r.end) })),
  updatedAt: free.updatedAt,
});

const overlapSchema = z
  .object({
    timezone: z.string(),
    members: z.number().int(),
    answered: z.number().int().meta({ description: 'Members who have marked their free time' }),
    days: z.array(
      z.object({
        date: z.iso.date(),
        cells: z.array(z.object({ start: z.iso.datetime(), free: z.number().int() })),
      }),
    ),
    best: z.array(z.object({ start: z.iso.datetime(), end: z.iso.datetime(), free: z.number().int() })),
  })
  .meta({ id: 'FreeTimeOverlap' });

export function freeTimeRoutes(api: Api, deps: GroupsDependencies): void {
  api.route({
    method: 'get',
    path: '/:groupId/free-time/mine',
    operationId: 'getMyFreeTime',
    description: 'The weekly free time I marked for this group, in the zone I marked it in; empty until I mark some.',
    tag: 'meetings',
    summary: 'My weekly free time for this group',
    access: 'user',
    params: groupParams,
    response: freeTimeSchema,
    errors: accessErrors.member,
    handle: async ({ user, params }) => {
      const mine = await getMyFreeTime(deps, user, params.groupId);
      return mine ? freeTimeView(mine) : { timezone: 'UTC', weekly: [], updatedAt: null };
    },
  });

  api.route({
    method: 'put',
    path: '/:groupId/free-time/mine',
    operationId: 'setMyFreeTime',
    description: 'Replaces my weekly free time for this group: half-hour ranges of wall-clock time in the zone given.',
    tag: 'meetings',
    summary: 'Mark my weekly free time for this group',
    access: 'user',
    params: groupParams,
    body: freeTimeBody,
    response: freeTimeSchema,
    errors: accessErrors.member,
    examples: { body: { timezone: 'Europe/Berlin', weekly: [{ weekday: 2, start: '18:00', end: '21:00' }] } },
    handle: async ({ user, params, body }) => freeTimeView(await saveMyFreeTime(deps, user, params.groupId, body)),
  });

  api.route({
    method: 'get',
    path: '/:groupId/free-time',
    operationId: 'findAMeetingTime',
    description:
      'Where the members’ free time overlaps over my next seven days, in my zone, half hour by half hour: how many members are free in each, and the best windows of the given length still ahead (most members first, then earliest). Counts only: who is free when is not shown.',
    tag: 'meetings',
    summary: 'The overlap of members’ free time this coming week, and the best times',
    access: 'user',
    params: groupParams,
    query: z.object({ timezone: ianaTimeZone, length: z.coerce.number().int().min(30).max(240).default(60) }),
    response: overlapSchema,
    errors: accessErrors.member,
    handle: async ({ user, params, query }) =>
      groupOverlap(deps, user, params.groupId, { timezone: query.timezone, lengthMinutes: query.length }),
  });
}
