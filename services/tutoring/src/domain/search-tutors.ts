// Finding tutors: the database filters and orders; open slots are computed for candidates a page at a time
// until the page is full, so "has an open slot between A and B" never computes slots for every tutor.
import type { TutoringDependencies } from '../dependencies';
import type { TutorRecord, TutorSearch } from '../data/tutor-repository';
import { busyOf, policyOf } from './availability';
import { computeSlots, type Slot } from './slots';

export interface SearchQuery extends Omit<TutorSearch, 'sort' | 'offset' | 'limit'> {
  /** With both, only tutors with an open slot starting in [from, to) are returned. */
  from?: Date | undefined;
  to?: Date | undefined;
  sort: 'relevance' | 'rating' | 'next-slot';
  offset: number;
  limit: number;
}

export interface SearchHit {
  tutor: TutorRecord;
  /** The first open slot in the window (the next 14 days when none is given), at the tutor's shortest length. */
  nextSlot: Slot | null;
}

const DEFAULT_WINDOW_MS = 14 * 86_400_000;
/** Sorting by the next open slot ranks this many of the most relevant candidates. */
export const NEXT_SLOT_CANDIDATES = 300;

export async function searchTutors(
  deps: TutoringDependencies,
  query: SearchQuery,
): Promise<{ hits: SearchHit[]; nextOffset: number | null }> {
  const now = deps.now();
  const from = query.from ?? now;
  const to = query.to ?? new Date(from.getTime() + DEFAULT_WINDOW_MS);
  const needsSlot = query.from !== undefined;

  const withSlots = async (tutors: TutorRecord[]): Promise<SearchHit[]> => {
    const active = await deps.users.activeIds(tutors.map((t) => t.userId));
    const live = tutors.filter((t) => active.has(t.userId));
    const margin = 2 * 86_400_000;
    const held = await deps.bookings.activeForTutors(
      live.map((t) => t.userId),
      new Date(from.getTime() - margin),
      new Date(to.getTime() + margin),
    );
    return live.map((tutor) => {
      const [nextSlot] = computeSlots(policyOf(tutor), busyOf(held.get(tutor.userId) ?? []), {
        from,
        to,
        lengthMinutes: Math.min(...tutor.sessionLengths),
        now,
        maxSlots: 1,
      });
      return { tutor, nextSlot: nextSlot ?? null };
    });
  };
  const filters = { ...query, sort: query.sort === 'rating' ? ('rating' as const) : ('relevance' as const) };

  if (query.sort === 'next-slot') {
    const ranked = (await withSlots(await deps.tutorSearch.search({ ...filters, offset: 0, limit: NEXT_SLOT_CANDIDATES })))
      .filter((hit) => hit.nextSlot || !needsSlot)
      .sort((a, b) => (a.nextSlot?.start.getTime() ?? Infinity) - (b.nextSlot?.start.getTime() ?? Infinity));
    const hits = ranked.slice(query.offset, query.offset + query.limit);
    return { hits, nextOffset: query.offset + query.limit < ranked.length ? query.offset + query.limit : null };
  }

  // Candidates are checked a page's worth at a time: when most have open slots, one round trip fills the page.
  const batchSize = query.limit;
  const hits: SearchHit[] = [];
  let offset = query.offset;
  for (;;) {
    const batch = await deps.tutorSearch.search({ ...filters, offset, limit: batchSize });
    const found = await withSlots(batch);
    const byId = new Map(found.map((hit) => [hit.tutor.userId, hit]));
    for (const [index, tutor] of batch.entries()) {
      const hit = byId.get(tutor.userId);
      if (!hit || (needsSlot && !hit.nextSlot)) continue;
      hits.push(hit);
      if (hits.length === query.limit) {
        const consumed = offset + index + 1;
        return { hits, nextOffset: index + 1 < batch.length || batch.length === batchSize ? consumed : null };
      }
    }
    if (batch.length < batchSize) return { hits, nextOffset: null };
    offset += batchSize;
  }
}
