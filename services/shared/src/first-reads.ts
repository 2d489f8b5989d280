// The public API answers a page of the web app shows first, by the page's address. The web server names them in the
// page's HTML (<link rel="preload" as="fetch">), so the browser has them on their way before any code has run; the
// web app's router asks for them again as the page's code loads, and gets the answers the browser already holds.
// The browser hands over a preloaded answer only for the very same URL, so both sides build their URLs here.

/** Ids in addresses are UUIDs; anything else names nothing, so there is nothing to ask the API. */
export const isId = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The filters of a tutor search, as the tutoring API takes them. */
export interface TutorSearch {
  q?: string;
  course?: string;
  subject?: string;
  language?: string;
  mode?: string;
  minRating?: string;
  sort?: string;
  from?: string;
  to?: string;
}

const searchFilters = ['q', 'course', 'subject', 'language', 'mode', 'minRating', 'sort', 'from', 'to'] as const;

/** The tutoring API's public reads that pages show first. */
export const tutoringReads = {
  courses: '/api/tutoring/courses',
  tutor: (tutorId: string) => `/api/tutoring/tutors/${tutorId}`,
  reviews: (tutorId: string) => `/api/tutoring/tutors/${tutorId}/reviews`,
  /** One page of results: twelve tutors. */
  tutors(search: TutorSearch): string {
    const query = new URLSearchParams();
    for (const name of searchFilters) if (search[name]) query.set(name, search[name]);
    query.set('limit', '12');
    return `/api/tutoring/tutors?${query}`;
  },
};

/** The search a tutor search address asks for (`/tutors?q=…`). "Available this week" is the seven days from `now`. */
export function tutorSearchOf(address: URLSearchParams, now: Date): TutorSearch {
  const get = (name: string) => address.get(name) || undefined;
  const week = address.get('week') === '1';
  return {
    q: get('q'),
    course: get('course'),
    subject: get('subject'),
    language: get('language'),
    mode: get('mode'),
    minRating: get('minRating'),
    sort: get('sort'),
    ...(week ? { from: now.toISOString(), to: new Date(now.getTime() + 7 * 86_400_000).toISOString() } : {}),
  };
}

/**
 * What the HTML of a page may name, by the page's route (its pattern, as in the web app's router) and address: only
 * answers that are the same for every visitor at any moment, so that the app's own request is the same URL. A
 * search for "available this week" depends on the moment, so its results are left to the app.
 */
export function firstReads(route: string, params: Partial<Record<string, string>>, query: URLSearchParams): string[] {
  switch (route) {
    case '/tutors':
      return query.get('week') === '1'
        ? [tutoringReads.courses]
        : [tutoringReads.tutors(tutorSearchOf(query, new Date())), tutoringReads.courses];
    case '/tutors/:tutorId': {
      const tutorId = params.tutorId ?? '';
      return isId(tutorId) ? [tutoringReads.tutor(tutorId), tutoringReads.reviews(tutorId), tutoringReads.courses] : [];
    }
    default:
      return [];
  }
}
