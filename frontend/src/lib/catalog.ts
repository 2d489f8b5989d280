// The course catalog (public): courses are named on tutor, booking and admin pages alike.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import type { TutoringSchema } from './api-types';
import { tutoringReads } from '@tutoring-platform/shared/first-reads';

export type Course = TutoringSchema<'Course'>;

export const listCourses = () => apiRequest<{ courses: Course[] }>(tutoringReads.courses).then((r) => r.courses);

/** The catalog changes rarely: one fetch serves every page for five minutes. */
export const coursesQuery = queryOptions({ queryKey: ['courses'], queryFn: listCourses, staleTime: 300_000 });
export const useCourses = () => useQuery(coursesQuery);

export const courseLabel = (courses: Course[] | undefined, id: string) => {
  const course = courses?.find((c) => c.id === id);
  return course ? `${course.code} — ${course.title}` : 'Course';
};

/**
 * Courses a search that found nothing may have meant: those sharing a word (3 letters or more) with the text, and
 * those of the chosen course's subject. The chosen course itself is left out.
 */
export function relatedCourses(courses: Course[] | undefined, search: { text?: string; courseId?: string }, limit = 4): Course[] {
  const wordsOf = (text: string) =>
    text
      .toLowerCase()
      .split(/\W+/)
      .filter((w) => w.length >= 3);
  const asked = wordsOf(search.text ?? '');
  // "integrals" finds "Integral calculus": a word matches another that it starts, or that starts it
  const shares = (words: string[]) => asked.some((a) => words.some((w) => w.startsWith(a) || a.startsWith(w)));
  const chosen = courses?.find((c) => c.id === search.courseId);
  return (courses ?? [])
    .filter((c) => c.id !== search.courseId)
    .filter(
      (c) =>
        shares(wordsOf(`${c.code} ${c.title} ${c.subject} ${c.description}`)) || (chosen !== undefined && c.subject === chosen.subject),
    )
    .slice(0, limit);
}
