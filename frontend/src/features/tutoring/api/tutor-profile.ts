// My tutor profile: becoming a tutor, the profile, weekly hours, overrides, time off and booking rules.
import { apiRequest } from '../../../lib/api-client';
import type { TutoringBody, TutoringResponse, TutoringSchema } from '../../../lib/api-types';

export type Availability = TutoringSchema<'Availability'>;

export type OwnTutorProfile = TutoringSchema<'OwnTutorProfile'>;

export type TutorProfileInput = TutoringBody<'/api/tutoring/tutors/me', 'put'>;

/** null when I am not a tutor yet. */
export const getMyTutorProfile = () =>
  apiRequest<OwnTutorProfile>('/api/tutoring/tutors/me').catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  });

export const saveTutorProfile = (input: TutorProfileInput) =>
  apiRequest<OwnTutorProfile>('/api/tutoring/tutors/me', { method: 'PUT', body: input });

export const saveAvailability = (availability: AvailabilityInput) =>
  apiRequest<Availability>('/api/tutoring/tutors/me/availability', { method: 'PUT', body: availability });

export type AvailabilityInput = TutoringBody<'/api/tutoring/tutors/me/availability', 'put'>;

/** The week of slots students would see with these hours, before they are saved. */
export const previewSlots = (availability: AvailabilityInput, length: number) =>
  apiRequest<TutoringResponse<'/api/tutoring/tutors/me/availability/preview', 'post'>>('/api/tutoring/tutors/me/availability/preview', {
    method: 'POST',
    body: { availability, length } as TutoringBody<'/api/tutoring/tutors/me/availability/preview', 'post'>,
  });

/** What the photo upload takes; the service checks again and redraws whatever it is sent. */
export const photoUpload = { types: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 8 * 1024 * 1024 } as const;

export const uploadTutorPhoto = (photo: File) =>
  apiRequest<TutoringResponse<'/api/tutoring/tutors/me/photo', 'put'>>('/api/tutoring/tutors/me/photo', { method: 'PUT', body: photo });

export const removeTutorPhoto = () => apiRequest('/api/tutoring/tutors/me/photo', { method: 'DELETE' });
