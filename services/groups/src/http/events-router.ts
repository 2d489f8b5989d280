// /events: the inbox where other services' outboxes deliver (service tokens only).
import { z } from 'zod';
import { eventOf, type Api } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import { followGroupSession } from '../domain/follow-tutor-sessions';

const bookingState = z.object({ bookingId: z.uuid(), status: z.string().min(1).max(20), start: z.iso.datetime(), end: z.iso.datetime() });

export function eventRoutes(api: Api, deps: GroupsDependencies): void {
  api.route({
    method: 'post',
    path: '/events',
    tag: 'events',
    summary: 'Takes an event from another platform service; a repeated or older event changes nothing',
    access: 'service',
    body: eventOf(
      'group-session-changed',
      bookingState.extend({
        groupId: z.uuid(),
        reason: z.string().max(2000).nullable(),
        cancelledBy: z.string().max(20).nullable(),
        rescheduledTo: bookingState.nullable(),
      }),
    ),
    response: z.object({ applied: z.boolean() }),
    handle: async ({ caller, body }) => {
      const { groupId, rescheduledTo, bookingId, status, start, end } = body.data;
      return followGroupSession(deps, caller, { id: body.id, groupId, booking: { bookingId, status, start, end }, rescheduledTo });
    },
  });
}
