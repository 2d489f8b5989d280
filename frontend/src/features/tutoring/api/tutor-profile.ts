// My tutor profile: becoming a tutor, the profile, weekly hours, overrides, time off and booking rules.
import { apiRequest } from '../../../lib/api-client';
import type { Tutor } from './tutors';

export interface Availability {
  timezone: string;
  weekly: Array<{ weekday: number; start: string; end: string }>;
  overrides: Array<{ date: string; ranges: Array<{ start: string; end: string }> }>;
  timeOff: Array<{ start: string; end: string }>;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxHorizonDays: number;
  maxSessionsPerDay: number | null;
  studentWeeklyCapMinutes: number | null;
}

export interface OwnTutorProfile extends Omit<Tutor, 'courseIds'> {
  meetingLink: string | null;
  location: string | null;
  autoAccept: boolean;
  courses: Array<{ courseId: string; status: 'pending' | 'approved' | 'revoked' }>;
  availability: Availability;
}

export interface TutorProfileInput {
  headline: string;
  bio: string;
  languages: string[];
  courseIds: string[];
  online: { meetingLink: string } | null;
  inPerson: { location: string } | null;
  sessionLengths: number[];
  hourlyRateCents: number;
  autoAccept: boolean;
  maxGroupSize: number;
  cancellationWindowHours: number;
}

/** null when I am not a tutor yet. */
export const getMyTutorProfile = () =>
  apiRequest<OwnTutorProfile>('/api/tutoring/tutors/me').catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  });

export const saveTutorProfile = (input: TutorProfileInput) =>
  apiRequest<OwnTutorProfile>('/api/tutoring/tutors/me', { method: 'PUT', body: input });

export const saveAvailability = (availability: Availability) =>
  apiRequest<Availability>('/api/tutoring/tutors/me/availability', { method: 'PUT', body: availability });
