// Public facts about users (active or not, name, time zone), asked of the users service's profiles API:
// tutoring never reads the users database.
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { AppError, PEER_TIMEOUT_DEFAULT_MS } from '@tutoring-platform/shared';

const profilesSchema = z.object({ profiles: z.array(z.object({ id: z.string(), displayName: z.string(), timezone: z.string() })) });

export interface PublicProfile {
  id: string;
  displayName: string;
  timezone: string;
}

export interface UsersDirectory {
  /** Profiles of the active (not suspended) accounts among `ids`. */
  profiles(ids: string[]): Promise<Map<string, PublicProfile>>;
  /** The subset of `ids` that belong to active accounts. */
  activeIds(ids: string[]): Promise<Set<string>>;
}

const usersUnavailable = () =>
  new AppError('dependency-unavailable', 503, 'The users service is not answering; try again shortly', undefined, { 'Retry-After': '2' });

/**
 * Answers are cached for `ttlMs` (a minute): a suspension shows in search within that time; 0 turns caching off.
 * Lookups in flight are shared, and those made in the same turn of the event loop go out as one request: a burst
 * of 1,000 bookings over 50 tutors asks the users service about 50 ids once, not 1,000 times.
 */
export function httpUsersDirectory(
  usersApiUrl: string,
  { ttlMs = 60_000, timeoutMs = PEER_TIMEOUT_DEFAULT_MS }: { ttlMs?: number; timeoutMs?: number } = {},
): UsersDirectory {
  // false marks an id known to have no active account
  const lookups = new DataLoader<string, PublicProfile | false>(
    async (ids) => {
      const res = await fetch(`${usersApiUrl}/profiles?ids=${ids.join(',')}`, { signal: AbortSignal.timeout(timeoutMs) }).catch(() => {
        throw usersUnavailable();
      });
      if (!res.ok) throw usersUnavailable();
      const found = new Map(profilesSchema.parse(await res.json()).profiles.map((p) => [p.id, p]));
      return ids.map((id) => found.get(id) ?? false);
    },
    {
      maxBatchSize: 100,
      batchScheduleFn: (dispatch) => setImmediate(dispatch),
      // a failed batch is dropped from the cache by the loader, so the next call asks again
      ...(ttlMs > 0 ? { cacheMap: new LRUCache<string, Promise<PublicProfile | false>>({ max: 50_000, ttl: ttlMs }) } : { cache: false }),
    },
  );
  const profiles = async (ids: string[]) => {
    const answers = await lookups.loadMany([...new Set(ids)]);
    const result = new Map<string, PublicProfile>();
    for (const answer of answers) {
      if (answer instanceof Error) throw answer;
      if (answer) result.set(answer.id, answer);
    }
    return result;
  };
  return {
    profiles,
    activeIds: async (ids) => new Set((await profiles(ids)).keys()),
  };
}
