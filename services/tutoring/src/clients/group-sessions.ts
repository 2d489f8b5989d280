// The groups service as tutoring sees it: who may book for a group (asked with the caller's own token), and the
// event that tells it a group session's booking changed, so the group's meeting follows (sent by the outbox relay).
import { z } from 'zod';
import { AppError, PEER_TIMEOUT_DEFAULT_MS } from '@tutoring-platform/shared';
import type { BookingRecord } from '../data/booking-repository';

/** What the caller is to a group, as the groups service answers for them. */
export type GroupStanding = 'manager' | 'not-manager' | 'archived' | 'not-found';

export interface GroupSessions {
  /** Asks the groups service, as the caller, whether they own or moderate the active group `groupId`. */
  standingIn(token: string, groupId: string): Promise<GroupStanding>;
}

/** The booking's state after a change, and the booking that replaced it when it was rescheduled. */
export function groupSessionChange(booking: BookingRecord, successor?: BookingRecord) {
  const state = (b: BookingRecord) => ({ bookingId: b.id, status: b.status, start: b.start.toISOString(), end: b.end.toISOString() });
  return {
    groupId: booking.groupId,
    ...state(booking),
    reason: booking.cancelReason,
    cancelledBy: booking.cancelledBy,
    rescheduledTo: successor ? state(successor) : null,
  };
}

/** The part of groups' `GET /api/groups/{groupId}` answer this needs. */
const groupAnswer = z.object({
  status: z.enum(['active', 'archived']),
  viewer: z.object({ role: z.enum(['owner', 'moderator', 'member']).nullable() }).optional(),
});

const groupsUnavailable = () =>
  new AppError('dependency-unavailable', 503, 'The groups service is not answering; try again shortly', undefined, { 'Retry-After': '2' });

export function httpGroupSessions(groupsApiUrl: string, timeoutMs = PEER_TIMEOUT_DEFAULT_MS): GroupSessions {
  return {
    async standingIn(token, groupId) {
      const res = await fetch(`${groupsApiUrl}/${encodeURIComponent(groupId)}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(timeoutMs),
      }).catch(() => {
        throw groupsUnavailable();
      });
      if (res.status === 404) return 'not-found';
      if (!res.ok) throw groupsUnavailable();
      const group = groupAnswer.parse(await res.json());
      if (group.status === 'archived') return 'archived';
      const role = group.viewer?.role;
      return role === 'owner' || role === 'moderator' ? 'manager' : 'not-manager';
    },
  };
}
