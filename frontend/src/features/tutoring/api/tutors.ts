// Finding tutors: search, a tutor's public profile, open slots and reviews.
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

export const getReviews = (tutorId: string) =>
  apiRequest<TutoringResponse<'/api/tutoring/tutors/{tutorId}/reviews', 'get'>>(`/api/tutoring/tutors/${tutorId}/reviews`);
