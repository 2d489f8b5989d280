// /courses: the course and subject catalog; admins maintain it.
import { z } from 'zod';
import { text } from '@tutoring-platform/shared';
import type { Api } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import { createCourse, listCourses, updateCourse } from '../domain/manage-catalog';
import { courseSchema, courseView } from './views';

const courseFields = {
  code: z
    .string()
    .trim()
    .min(2)
    .max(20)
    .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes'),
  title: text(160).min(1),
  subject: text(80).min(1),
  description: text(2000, { multiline: true }),
};

export function catalogRoutes(api: Api, deps: TutoringDependencies): void {
  api.route({
    method: 'get',
    path: '/courses',
    operationId: 'listCourses',
    description: 'Every course in the catalog, optionally only one subject’s or those whose code or title contain the text.',
    tag: 'catalog',
    summary: 'The course catalog, by subject or text',
    access: 'public',
    query: z.object({ subject: text(80).optional(), q: text(80).optional() }),
    response: z.object({ courses: z.array(courseSchema) }),
    handle: async ({ query }) => ({ courses: (await listCourses(deps, query)).map(courseView) }),
  });

  api.route({
    method: 'post',
    path: '/courses',
    operationId: 'createCourse',
    description: 'Administrators add a course. Codes are unique regardless of case.',
    tag: 'catalog',
    summary: 'Add a course (admin)',
    access: 'admin',
    body: z.strictObject({ ...courseFields, description: courseFields.description.default('') }),
    response: courseSchema,
    status: 201,
    errors: { 409: ['course-code-taken'] },
    examples: {
      body: { code: 'MATH 221', title: 'Linear Algebra', subject: 'Mathematics', description: 'Vectors, matrices, eigenvalues.' },
    },
    handle: async ({ body }) => courseView(await createCourse(deps, body)),
  });

  api.route({
    method: 'patch',
    path: '/courses/:courseId',
    operationId: 'updateCourse',
    description: 'Administrators change any of a course’s fields; fields not sent are kept.',
    tag: 'catalog',
    summary: 'Change a course (admin)',
    access: 'admin',
    params: z.object({ courseId: z.uuid() }),
    body: z.strictObject(courseFields).partial(),
    response: courseSchema,
    errors: { 404: ['course-not-found'], 409: ['course-code-taken'] },
    handle: async ({ params, body }) => courseView(await updateCourse(deps, params.courseId, body)),
  });
}
