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
    operationId: 'receiveGroupsEvent',
    description:
      'For the platform’s services only, from their outboxes. `group-session-changed` (from tutoring) keeps a group’s tutor-session meeting in step with its booking: moved, declined, cancelled or expired. Delivery is at least once: a repeated or older event changes nothing.',
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
    errors: { 403: ['forbidden'] },
    handle: async ({ caller, body }) => {
      const { groupId, rescheduledTo, bookingId, status, start, end } = body.data;
      return followGroupSession(deps, caller, { id: body.id, groupId, booking: { bookingId, status, start, end }, rescheduledTo });
    },
  });
}
