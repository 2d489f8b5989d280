// Becoming a tutor and keeping the profile, availability and offered courses up to date.
import { type Queryable } from '@tutoring-platform/postgres';
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import type { AvailabilitySettings, CourseStatus, TutorProfileFields, TutorRecord } from '../data/tutor-repository';

export const tutorNotFound = () => new AppError('tutor-not-found', 404, 'No such tutor');

/** `q` is the transaction when called under a tutor's lock: every query there must use it, never the pool. */
/** Suspended accounts (the users service decides) have no public tutor profile, slots or bookings. */
export async function assertTutorActive(deps: TutoringDependencies, tutorId: string): Promise<void> {
  if (!(await deps.users.activeIds([tutorId])).has(tutorId)) throw tutorNotFound();
}

/** A tutor as anyone may see them: only while their account is active. */
export async function getActiveTutor(deps: TutoringDependencies, tutorId: string): Promise<TutorRecord> {
  const tutor = await getTutor(deps, tutorId);
  await assertTutorActive(deps, tutorId);
  return tutor;
}

export async function getTutor(deps: TutoringDependencies, tutorId: string, q?: Queryable): Promise<TutorRecord> {
  const tutor = await deps.tutors.findById(tutorId, q);
  if (!tutor) throw tutorNotFound();
  return tutor;
}

/** Any student can become a tutor; the display name comes from their access token. */
export async function saveTutorProfile(
  deps: TutoringDependencies,
  user: AuthUser,
  profile: Omit<TutorProfileFields, 'displayName'>,
  courseIds: string[],
): Promise<TutorRecord> {
  if (!profile.offersOnline && !profile.offersInPerson) {
    throw new AppError('no-session-mode', 400, 'Offer online sessions, in-person sessions or both', { path: 'modes' });
  }
  return deps.tutors.saveProfile(user.id, { ...profile, displayName: user.name }, [...new Set(courseIds)]);
}

export async function setAvailability(deps: TutoringDependencies, user: AuthUser, settings: AvailabilitySettings): Promise<TutorRecord> {
  const dates = settings.overrides.map((o) => o.date);
  if (new Set(dates).size !== dates.length)
    throw new AppError('duplicate-override', 400, 'Give each date at most one override', { path: 'overrides' });
  const tutor = await deps.tutors.saveAvailability(user.id, settings);
  if (!tutor) throw new AppError('not-a-tutor', 404, 'Create your tutor profile first');
  return tutor;
}

/** Admins approve or revoke each course a tutor offers; only approved ones are bookable and searchable. */
export async function decideTutorCourse(
  deps: TutoringDependencies,
  tutorId: string,
  courseId: string,
  decision: 'approve' | 'revoke',
): Promise<CourseStatus> {
  const status: CourseStatus = decision === 'approve' ? 'approved' : 'revoked';
  if (!(await deps.tutors.setCourseStatus(tutorId, courseId, status))) {
    throw new AppError('tutor-course-not-found', 404, 'That tutor does not offer that course');
  }
  return status;
}

/** What admins verify: the courses tutors offer, by approval state. */
export const listCourseRequests = (deps: TutoringDependencies, status: CourseStatus) => deps.tutors.courseRequests(status, 200);
