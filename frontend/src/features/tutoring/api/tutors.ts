// Finding tutors: search, a tutor's public profile, open slots and reviews, and the queries the pages (and the router,
// ahead of them) ask them with.
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { TutoringResponse, TutoringSchema } from '../../../lib/api-types';
import { tutoringReads, tutorSearchOf, type TutorSearch } from '@tutoring-platform/shared/first-reads';

export type Tutor = TutoringSchema<'Tutor'>;

export const searchTutors = (search: TutorSearch) =>
  apiRequest<TutoringResponse<'/api/tutoring/tutors', 'get'>>(tutoringReads.tutors(search));

export const getTutor = (tutorId: string) => apiRequest<Tutor>(tutoringReads.tutor(tutorId));

export type Review = TutoringSchema<'Review'>;

export type Reviews = TutoringResponse<'/api/tutoring/tutors/{tutorId}/reviews', 'get'>;

export const getReviews = (tutorId: string) => apiRequest<Reviews>(tutoringReads.reviews(tutorId));

export const tutorQuery = (tutorId: string) => queryOptions({ queryKey: ['tutor', tutorId], queryFn: () => getTutor(tutorId) });
export const reviewsQuery = (tutorId: string) => queryOptions({ queryKey: ['reviews', tutorId], queryFn: () => getReviews(tutorId) });

/** The window moves with the clock; the key holds the filters, not the instants. */
export const tutorSearchQuery = (params: URLSearchParams) =>
  queryOptions({ queryKey: ['tutor-search', params.toString()], queryFn: () => searchTutors(tutorSearchOf(params, new Date())) });
