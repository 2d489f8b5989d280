// Tells the groups service that a group session's booking changed (declined or cancelled here), so the group's
// meeting follows. It sends the acting party's own token; groups reads the booking back with it before acting.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@tutoring-platform/shared';

export interface GroupSessions {
  /** Fire and forget: a few attempts in the background, a warning if all fail. */
  bookingChanged(token: string, groupId: string, bookingId: string): void;
}

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
    bookingChanged: (token, groupId, bookingId) => void notify(token, groupId, bookingId),
  };
}
