// Public facts about users (active or not, name, time zone), asked of the users service's profiles API:
// tutoring never reads the users database.
import { LRUCache } from 'lru-cache';
import { z } from 'zod';

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

/** Answers are cached for `ttlMs` (a minute): a suspension shows in search within that time. 0 turns caching off. */
export function httpUsersDirectory(usersApiUrl: string, ttlMs = 60_000): UsersDirectory {
  // false marks an id known to have no active account
  const known = ttlMs > 0 ? new LRUCache<string, PublicProfile | false>({ max: 50_000, ttl: ttlMs }) : undefined;
  const profiles = async (ids: string[]) => {
    const result = new Map<string, PublicProfile>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = known?.get(id);
      if (cached === undefined) missing.push(id);
      else if (cached) result.set(id, cached);
    }
    // What was just fetched answers this call directly; the cache only serves later calls.
    for (let i = 0; i < missing.length; i += 100) {
      const batch = missing.slice(i, i + 100);
      const res = await fetch(`${usersApiUrl}/profiles?ids=${batch.join(',')}`, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) throw new Error(`users service answered ${res.status} for profiles`);
      const found = new Map(profilesSchema.parse(await res.json()).profiles.map((p) => [p.id, p]));
      for (const id of batch) {
        const profile = found.get(id);
        known?.set(id, profile ?? false);
        if (profile) result.set(id, profile);
      }
    }
    return result;
  };
  return {
    profiles,
    activeIds: async (ids) => new Set((await profiles(ids)).keys()),
  };
}
