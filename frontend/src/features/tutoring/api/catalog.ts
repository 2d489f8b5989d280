// The course catalog (public), and admins' additions to it.
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface Course {
  id: string;
  code: string;
  title: string;
  subject: string;
  description: string;
}

export const listCourses = () => apiRequest<{ courses: Course[] }>('/api/tutoring/courses').then((r) => r.courses);

export const createCourse = (course: Omit<Course, 'id'>) => apiRequest<Course>('/api/tutoring/courses', { method: 'POST', body: course });

/** The catalog changes rarely: one fetch serves every page for five minutes. */
export const useCourses = () => useQuery({ queryKey: ['courses'], queryFn: listCourses, staleTime: 300_000 });

export const courseLabel = (courses: Course[] | undefined, id: string) => {
  const course = courses?.find((c) => c.id === id);
  return course ? `${course.code} — ${course.title}` : 'Course';
};
