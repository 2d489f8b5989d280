// The groups service as tutoring sees it: who may book for a group, and telling it that a group session's booking
// changed (declined or cancelled here) so the group's meeting follows. Calls carry the acting person's own token.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { AppError, type Logger } from '@tutoring-platform/shared';

/** What the caller is to a group, as the groups service answers for them. */
export type GroupStanding = 'manager' | 'not-manager' | 'archived' | 'not-found';

export interface GroupSessions {
  /** Asks the groups service, as the caller, whether they own or moderate the active group `groupId`. */
  standingIn(token: string, groupId: string): Promise<GroupStanding>;
  /** Fire and forget: a few attempts in the background, a warning if all fail. */
  bookingChanged(token: string, groupId: string, bookingId: string): void;
}

/** The part of groups' `GET /api/groups/{groupId}` answer this needs. */
const groupAnswer = z.object({
  status: z.enum(['active', 'archived']),
  viewer: z.object({ role: z.enum(['owner', 'moderator', 'member']).nullable() }).optional(),
});

const groupsUnavailable = () =>
  new AppError('dependency-unavailable', 503, 'The groups service is not answering; try again shortly', undefined, { 'Retry-After': '2' });

const retryDelaysMs = [0, 500, 2000];

export function httpGroupSessions(groupsApiUrl: string, logger: Logger): GroupSessions {
  const notify = async (token: string, groupId: string, bookingId: string) => {
    for (const delay of retryDelaysMs) {
      await sleep(delay, undefined, { ref: false });
      try {
        const res = await fetch(`${groupsApiUrl}/${encodeURIComponent(groupId)}/tutor-sessions/${bookingId}/sync`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(5000),
        });
        // 4xx: the group or its meeting does not know this booking; nothing to retry
        if (res.status < 500) return;
      } catch {
        // unreachable: try again
      }
    }
    logger.warn({ groupId, bookingId }, 'could not tell the groups service about a group session change');
  };
  return {
    async standingIn(token, groupId) {
      const res = await fetch(`${groupsApiUrl}/${encodeURIComponent(groupId)}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(5000),
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
    bookingChanged: (token, groupId, bookingId) => void notify(token, groupId, bookingId),
  };
}
