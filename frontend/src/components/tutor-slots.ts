// A tutor's open slots, apart from the calendar that shows them, so that a page can rank them without loading it.
import { apiRequest } from '../lib/api-client';
import type { TutoringResponse } from '../lib/api-types';

/** A tutor's open slots in a range, and the tutor's zone. */
export type Slots = TutoringResponse<'/api/tutoring/tutors/{tutorId}/slots', 'get'>;
/** An open slot: a UTC instant, with the tutor's wall-clock time (yyyy-MM-ddTHH:mm) beside it. */
export type Slot = Slots['slots'][number];

export const getSlots = (tutorId: string, query: { courseId: string; length: number; from: string; to: string }) =>
  apiRequest<Slots>(`/api/tutoring/tutors/${tutorId}/slots`, { query });
