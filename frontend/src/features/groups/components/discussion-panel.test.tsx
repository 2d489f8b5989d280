import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import type { Group, Post } from '../api/groups';
import { DiscussionPanel } from './discussion-panel';

const group = { id: '55555555-5555-4555-8555-555555555555', status: 'active', viewer: { role: 'member' } } as Group;
const post = (id: string, body: string, authorId: string, extra: Partial<Post> = {}): Post => ({
  id,
  parentId: null,
  authorId,
  authorName: authorId === signedInUser.id ? 'Ana' : 'Ben',
  body,
  createdAt: '2026-11-20T10:00:00.000Z',
  editedAt: null,
  deleted: false,
  replyCount: 0,
  ...extra,
});

describe('the discussion board', () => {
  it('when I post, then it is sent and shows; I may edit my own post but not another member’s', async () => {
    givenSession(signedInUser);
    const posts = [
      post('p-2', 'Anyone solved 4b?', 'someone-else'),
      post('p-1', 'Deleted text', 'someone-else', { deleted: true, body: '' }),
    ];
    server.use(
      http.get(`/api/groups/${group.id}/posts`, () => HttpResponse.json({ posts, nextCursor: null })),
      http.post(`/api/groups/${group.id}/posts`, async ({ request }) => {
        const { body } = (await request.json()) as { body: string };
        posts.unshift(post('p-3', body, signedInUser.id));
        return HttpResponse.json(posts[0], { status: 201 });
      }),
    );
    renderPage([{ path: '/', element: <DiscussionPanel group={group} /> }], '/');
    expect(await screen.findByText('Anyone solved 4b?')).toBeInTheDocument();
    expect(screen.getByText('Deleted post')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Write to the group'), 'Yes: use the chain rule');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const mine = (await screen.findByText('Yes: use the chain rule')).closest('.card') as HTMLElement;
    expect(within(mine).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    const theirs = screen.getByText('Anyone solved 4b?').closest('.card') as HTMLElement;
    expect(within(theirs).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(within(theirs).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });
});
