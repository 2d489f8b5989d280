// /events: the inbox where other services' outboxes deliver (service tokens only).
import { z } from 'zod';
import { eventOf, type Api } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import { applyAccountSuspended } from '../domain/account-events';

export function eventRoutes(api: Api, deps: TutoringDependencies): void {
  api.route({
    method: 'post',
    path: '/events',
    tag: 'events',
    summary: 'Takes an event from another platform service; a repeated event id changes nothing',
    access: 'service',
    body: eventOf('account-suspended', z.strictObject({ userId: z.uuid() })),
    response: z.object({ applied: z.boolean(), cancelled: z.number().int() }),
    handle: async ({ caller, body }) => applyAccountSuspended(deps, caller, { id: body.id, userId: body.data.userId }),
  });
}
