import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage } from '../../../testing/render';
import GroupsPage from './groups-page';

const calculus = {
  id: 'e0e0e0e0-0000-4000-8000-000000000011',
  code: 'MATH201',
  title: 'Integral calculus',
  subject: 'Maths',
  description: '',
};

describe('finding a study group', () => {
  it('when no group matches, then related courses, tutors for the topic and starting one are offered', async () => {
    givenSession(null);
    const asked: URLSearchParams[] = [];
    server.use(
      http.get('/api/tutoring/courses', () => HttpResponse.json({ courses: [calculus] })),
      http.get('/api/groups', ({ request }) => {
        asked.push(new URL(request.url).searchParams);
        return HttpResponse.json({ groups: [], nextCursor: null });
      }),
    );
    renderPage([{ path: '/groups', element: <GroupsPage /> }], '/groups?q=calculus');
    expect(await screen.findByRole('heading', { name: 'No groups found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tutors for calculus' })).toHaveAttribute('href', '/tutors?q=calculus');
    expect(screen.getByRole('link', { name: 'Sign up to start a group' })).toHaveAttribute('href', '/register');
    await userEvent.click(await screen.findByRole('button', { name: 'MATH201 — Integral calculus' }));
    await waitFor(() => expect(asked.at(-1)!.get('course')).toBe('MATH201'));
    expect(asked.at(-1)!.get('q')).toBeNull();
    expect(screen.getByLabelText('Course')).toHaveValue('MATH201');
  });
});
