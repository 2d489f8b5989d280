// The course catalog (public): courses are named on tutor, booking and admin pages alike.
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import type { TutoringSchema } from './api-types';

export type Course = TutoringSchema<'Course'>;

export const listCourses = () => apiRequest<{ courses: Course[] }>('/api/tutoring/courses').then((r) => r.courses);

/** The catalog changes rarely: one fetch serves every page for five minutes. */
export const useCourses = () => useQuery({ queryKey: ['courses'], queryFn: listCourses, staleTime: 300_000 });

export const courseLabel = (courses: Course[] | undefined, id: string) => {
  const course = courses?.find((c) => c.id === id);
  return course ? `${course.code} — ${course.title}` : 'Course';
};
