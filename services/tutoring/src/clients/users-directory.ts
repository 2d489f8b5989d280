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
  const known = new LRUCache<string, PublicProfile | false>({ max: 50_000, ttl: Math.max(ttlMs, 1) });
  const profiles = async (ids: string[]) => {
    if (ttlMs === 0) known.clear();
    const unknown = [...new Set(ids)].filter((id) => !known.has(id));
    for (let i = 0; i < unknown.length; i += 100) {
      const batch = unknown.slice(i, i + 100);
      const res = await fetch(`${usersApiUrl}/profiles?ids=${batch.join(',')}`, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) throw new Error(`users service answered ${res.status} for profiles`);
      const found = new Map(profilesSchema.parse(await res.json()).profiles.map((p) => [p.id, p]));
      for (const id of batch) known.set(id, found.get(id) ?? false);
    }
    return new Map(
      ids.flatMap((id) => {
        const profile = known.get(id);
        return profile ? [[id, profile] as const] : [];
      }),
    );
  };
  return {
    profiles,
    activeIds: async (ids) => new Set((await profiles(ids)).keys()),
  };
}
