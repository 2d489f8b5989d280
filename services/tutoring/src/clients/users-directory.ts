// Which users are active, asked of the users service's public profiles API: tutoring never reads its database.
import { LRUCache } from 'lru-cache';
import { z } from 'zod';

const profilesSchema = z.object({ profiles: z.array(z.object({ id: z.string() })) });

export interface UsersDirectory {
  /** The subset of `ids` that belong to active (not suspended) accounts. */
  activeIds(ids: string[]): Promise<Set<string>>;
}

/** Answers are cached for `ttlMs` (a minute): a suspension shows in search within that time. 0 turns caching off. */
export function httpUsersDirectory(usersApiUrl: string, ttlMs = 60_000): UsersDirectory {
  const known = new LRUCache<string, boolean>({ max: 50_000, ttl: Math.max(ttlMs, 1) });
  return {
    async activeIds(ids) {
      if (ttlMs === 0) known.clear();
      const unknown = [...new Set(ids)].filter((id) => !known.has(id));
      for (let i = 0; i < unknown.length; i += 100) {
        const batch = unknown.slice(i, i + 100);
        const res = await fetch(`${usersApiUrl}/profiles?ids=${batch.join(',')}`, { signal: AbortSignal.timeout(3000) });
        if (!res.ok) throw new Error(`users service answered ${res.status} for profiles`);
        const active = new Set(profilesSchema.parse(await res.json()).profiles.map((p) => p.id));
        for (const id of batch) known.set(id, active.has(id));
      }
      return new Set(ids.filter((id) => known.get(id)));
    },
  };
}
