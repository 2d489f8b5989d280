import { AppError } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import type { Course, CourseFields } from '../data/course-repository';

export const listCourses = (deps: TutoringDependencies, filter: { subject?: string | undefined; q?: string | undefined }) =>
  deps.courses.list(filter);

export const createCourse = (deps: TutoringDependencies, fields: CourseFields) => deps.courses.create(fields);

export async function updateCourse(deps: TutoringDependencies, id: string, fields: Partial<CourseFields>): Promise<Course> {
  const course = await deps.courses.update(id, fields);
  if (!course) throw new AppError('course-not-found', 404, 'No such course');
  return course;
}
