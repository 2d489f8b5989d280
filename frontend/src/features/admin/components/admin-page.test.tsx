import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import AdminPage from './admin-page';

const admin = { ...signedInUser, role: 'admin' as const };
const course = {
  id: 'c0c0c0c0-0000-4000-8000-000000000001',
  code: 'CS101',
  title: 'Intro to Programming',
  subject: 'Computer Science',
  description: '',
};
const tutorId = 'd0d0d0d0-0000-4000-8000-000000000002';

describe('administration', () => {
  it('when an admin approves a tutor’s course, then the approval is sent and the request leaves the list', async () => {
    givenSession(admin);
    let pending = [{ tutorId, displayName: 'Tara', headline: 'Loops', courseId: course.id, status: 'pending' }];
    let decision: unknown;
    server.use(
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [course] })),
      http.get('/api/tutoring/course-approvals', () => HttpResponse.json({ requests: pending })),
      http.post(`/api/tutoring/tutors/${tutorId}/courses/${course.id}/approval`, async ({ request }) => {
        decision = await request.json();
        pending = [];
        return HttpResponse.json({ tutorId, courseId: course.id, status: 'approved' });
      }),
    );
    renderPage([{ path: '/', element: <AdminPage /> }], '/');
    await userEvent.click(await screen.findByRole('button', { name: 'Approve Tara for CS101' }));
    expect(await screen.findByText('No courses wait for approval.')).toBeInTheDocument();
    expect(decision).toEqual({ decision: 'approve' });
  });

  it('when an admin edits a course, then only that course is changed', async () => {
    givenSession(admin);
    let changed: unknown;
    server.use(
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [course] })),
      http.get('/api/tutoring/course-approvals', () => HttpResponse.json({ requests: [] })),
      http.patch(`/api/tutoring/courses/${course.id}`, async ({ request }) => {
        changed = await request.json();
        return HttpResponse.json({ ...course, ...(changed as object) });
      }),
    );
    renderPage([{ path: '/', element: <AdminPage /> }], '/');
    await userEvent.click(await screen.findByRole('tab', { name: 'Catalog' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Edit CS101' }));
    await userEvent.clear(screen.getByLabelText('Title'));
    await userEvent.type(screen.getByLabelText('Title'), 'Introduction to Programming');
    await userEvent.click(screen.getByRole('button', { name: 'Save course' }));
    expect(await screen.findByText('Course saved')).toBeInTheDocument();
    expect(changed).toMatchObject({ code: 'CS101', title: 'Introduction to Programming' });
  });
});
