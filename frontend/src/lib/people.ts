// People's public names (the users service's profiles API), for showing who a booking or member is.
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import type { UsersSchema } from './api-types';

type PublicProfile = UsersSchema<'PublicProfile'>;

const fetchProfiles = async (ids: string[]) => {
  const found = new Map<string, PublicProfile>();
  for (let i = 0; i < ids.length; i += 100) {
    const { profiles } = await apiRequest<{ profiles: PublicProfile[] }>('/api/users/profiles', {
      query: { ids: ids.slice(i, i + 100).join(',') },
    });
    for (const p of profiles) found.set(p.id, p);
  }
  return found;
};

/** Names by id; unknown (or suspended) people read as "Someone". */
export function usePeople(ids: string[]) {
  const unique = [...new Set(ids)].sort();
  const query = useQuery({
    queryKey: ['people', unique],
    queryFn: () => fetchProfiles(unique),
    enabled: unique.length > 0,
    staleTime: 300_000,
  });
  return (id: string) => query.data?.get(id)?.displayName ?? 'Someone';
}
