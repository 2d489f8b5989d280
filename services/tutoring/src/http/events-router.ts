// /events: the inbox where other services' outboxes deliver (service tokens only).
import { z } from 'zod';
import { eventOf, type Api } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import { applyAccountSuspended } from '../domain/account-events';

export function eventRoutes(api: Api, deps: TutoringDependencies): void {
  api.route({
    method: 'post',
    path: '/events',
    operationId: 'receiveTutoringEvent',
    description:
      'For the platform’s services only, from their outboxes. `account-suspended` (from users) cancels the person’s upcoming sessions, as student and as tutor. Delivery is at least once: an event id already applied answers `applied: false` and changes nothing.',
    tag: 'events',
    summary: 'Takes an event from another platform service; a repeated event id changes nothing',
    access: 'service',
    body: eventOf('account-suspended', z.strictObject({ userId: z.uuid() })),
    response: z.object({ applied: z.boolean(), cancelled: z.number().int() }),
    errors: { 403: ['forbidden'] },
    handle: async ({ caller, body }) => applyAccountSuspended(deps, caller, { id: body.id, userId: body.data.userId }),
  });
}
