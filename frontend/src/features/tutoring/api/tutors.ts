// Finding tutors: search, a tutor's public profile, open slots and reviews, and the queries the pages (and the router,
// ahead of them) ask them with.
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { TutoringResponse, TutoringSchema } from '../../../lib/api-types';

export type Tutor = TutoringSchema<'Tutor'>;

export interface TutorSearch {
  q?: string;
  course?: string;
  subject?: string;
  language?: string;
  mode?: string;
  minRating?: string;
  from?: string;
  to?: string;
  sort?: string;
  cursor?: string;
}

export const searchTutors = (search: TutorSearch) =>
  apiRequest<TutoringResponse<'/api/tutoring/tutors', 'get'>>('/api/tutoring/tutors', {
    query: { ...search, limit: 12 },
  });

export const getTutor = (tutorId: string) => apiRequest<Tutor>(`/api/tutoring/tutors/${tutorId}`);

export type Review = TutoringSchema<'Review'>;

export type Reviews = TutoringResponse<'/api/tutoring/tutors/{tutorId}/reviews', 'get'>;

export const getReviews = (tutorId: string) => apiRequest<Reviews>(`/api/tutoring/tutors/${tutorId}/reviews`);

export const tutorQuery = (tutorId: string) => queryOptions({ queryKey: ['tutor', tutorId], queryFn: () => getTutor(tutorId) });
export const reviewsQuery = (tutorId: string) => queryOptions({ queryKey: ['reviews', tutorId], queryFn: () => getReviews(tutorId) });

/** The search an address asks for. "Available this week" is an open slot in the next seven days. */
function searchOf(params: URLSearchParams): TutorSearch {
  const get = (name: string) => params.get(name) || undefined;
  const week = params.get('week') === '1';
  const now = new Date();
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

/** The window moves with the clock; the key holds the filters, not the instants. */
export const tutorSearchQuery = (params: URLSearchParams) =>
  queryOptions({ queryKey: ['tutor-search', params.toString()], queryFn: () => searchTutors(searchOf(params)) });
