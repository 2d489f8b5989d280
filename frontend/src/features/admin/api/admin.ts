// Admin work: course approvals, the catalog, suspending and reinstating accounts.
import { apiRequest } from '../../../lib/api-client';
import type { TutoringBody, TutoringResponse, UsersSchema } from '../../../lib/api-types';

export type CourseRequest = TutoringResponse<'/api/tutoring/course-approvals', 'get'>['requests'][number];

export type AdminAccount = UsersSchema<'AdminAccount'>;

export const listCourseRequests = () =>
  apiRequest<{ requests: CourseRequest[] }>('/api/tutoring/course-approvals', { query: { status: 'pending' } }).then((r) => r.requests);
export const decideCourse = (tutorId: string, courseId: string, decision: 'approve' | 'revoke') =>
  apiRequest(`/api/tutoring/tutors/${tutorId}/courses/${courseId}/approval`, { method: 'POST', body: { decision } });
export const addCourse = (course: TutoringBody<'/api/tutoring/courses', 'post'>) =>
  apiRequest('/api/tutoring/courses', { method: 'POST', body: course });
export const editCourse = (courseId: string, changes: TutoringBody<'/api/tutoring/courses/{courseId}', 'patch'>) =>
  apiRequest(`/api/tutoring/courses/${courseId}`, { method: 'PATCH', body: changes });
export const searchUsers = (q: string) =>
  apiRequest<{ users: AdminAccount[] }>('/api/users/admin/users', { query: { q } }).then((r) => r.users);
export const suspendUser = (id: string, reason: string) =>
  apiRequest(`/api/users/admin/users/${id}/suspend`, { method: 'POST', body: { reason } });
export const reinstateUser = (id: string) => apiRequest(`/api/users/admin/users/${id}/reinstate`, { method: 'POST' });
