// Finding tutors: search, a tutor's public profile, open slots and reviews.
import type { Slot } from '../../../components/slot-picker';
import { apiRequest } from '../../../lib/api-client';

export interface Tutor {
  id: string;
  displayName: string;
  headline: string;
  bio: string;
  languages: string[];
  modes: Array<'online' | 'in_person'>;
  sessionLengths: number[];
  hourlyRateCents: number;
  maxGroupSize: number;
  cancellationWindowHours: number;
  timezone: string;
  rating: { average: number | null; count: number };
  courseIds: string[];
}

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
  apiRequest<{ tutors: Array<Tutor & { nextOpenSlot: Slot | null }>; nextCursor: string | null }>('/api/tutoring/tutors', {
    query: { ...search, limit: 12 },
  });

export const getTutor = (tutorId: string) => apiRequest<Tutor>(`/api/tutoring/tutors/${tutorId}`);

export interface Review {
  bookingId: string;
  courseId: string;
  rating: number;
  text: string;
  reply: string | null;
  createdAt: string;
}

export const getReviews = (tutorId: string) =>
  apiRequest<{ rating: { average: number | null; count: number }; reviews: Review[]; nextCursor: string | null }>(
    `/api/tutoring/tutors/${tutorId}/reviews`,
  );
