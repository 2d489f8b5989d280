// /api/groups/:groupId/posts: the discussion board, newest posts first, each post's replies oldest first.
import { z } from 'zod';
import { cursorSchema, encodeCursor, type Api, text } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import { accessErrors } from '../domain/group-access';
import { deletePost, editPost, readPosts, writePost, writeReply } from '../domain/discuss-in-group';
import { groupParams, postSchema } from './views';

/** Size limit of a post or reply. */
const postBody = z.strictObject({ body: text(5000, { multiline: true }).min(1) });
const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: cursorSchema(z.object({ after: z.uuid() })).optional(),
});
const page = z.object({ posts: z.array(postSchema), nextCursor: z.string().nullable() });
const toPage = ({ items, next }: { items: z.input<typeof postSchema>[]; next: string | undefined }) => ({
  posts: items,
  nextCursor: next ? encodeCursor({ after: next }) : null,
});

export function postRoutes(api: Api, deps: GroupsDependencies): void {
  const byPost = z.object({ groupId: z.uuid(), postId: z.uuid() });
  const byReply = byPost.extend({ replyId: z.uuid() });

  api.route({
    method: 'get',
    path: '/:groupId/posts',
    operationId: 'listPosts',
    description: 'The group’s discussion, newest post first, a page at a time. Open to anyone in a public group, else to members.',
    tag: 'discussion',
    summary: 'Posts, newest first (members only, except in a public group)',
    access: 'public',
    params: groupParams,
    query: pageQuery,
    response: page,
    errors: accessErrors.read,
    handle: async ({ user, params, query }) =>
      toPage(await readPosts(deps, user, params.groupId, { limit: query.limit, after: query.cursor?.after })),
  });

  api.route({
    method: 'post',
    path: '/:groupId/posts',
    operationId: 'writePost',
    description: 'A member starts a thread.',
    tag: 'discussion',
    summary: 'Post to the group (members)',
    access: 'user',
    params: groupParams,
    body: postBody,
    response: postSchema,
    status: 201,
    errors: accessErrors.member,
    examples: { body: { body: 'Has anyone got worked answers for question 4 of the 2024 paper?' } },
    handle: async ({ user, params, body }) => writePost(deps, user, params.groupId, body.body),
  });

  api.route({
    method: 'get',
    path: '/:groupId/posts/:postId/replies',
    operationId: 'listReplies',
    description: 'The replies to a post, oldest first, a page at a time.',
    tag: 'discussion',
    summary: 'Replies to a post, oldest first',
    access: 'public',
    params: byPost,
    query: pageQuery,
    response: page,
    errors: [accessErrors.read, { 404: ['post-not-found'] }],
    handle: async ({ user, params, query }) =>
      toPage(await readPosts(deps, user, params.groupId, { postId: params.postId, limit: query.limit, after: query.cursor?.after })),
  });

  api.route({
    method: 'post',
    path: '/:groupId/posts/:postId/replies',
    operationId: 'writeReply',
    description: 'A member replies to a post.',
    tag: 'discussion',
    summary: 'Reply to a post (members)',
    access: 'user',
    params: byPost,
    body: postBody,
    response: postSchema,
    status: 201,
    errors: [accessErrors.member, { 404: ['post-not-found'] }],
    handle: async ({ user, params, body }) => writeReply(deps, user, params.groupId, params.postId, body.body),
  });

  for (const { path, params, what, name } of [
    { path: '/:groupId/posts/:postId', params: byPost, what: 'post', name: 'Post' },
    { path: '/:groupId/posts/:postId/replies/:replyId', params: byReply, what: 'reply', name: 'Reply' },
  ] as const) {
    api.route({
      method: 'patch',
      path,
      operationId: `edit${name}`,
      tag: 'discussion',
      summary: `Edit my own ${what}`,
      description: `The author of a ${what} rewrites it; it shows when it was edited.`,
      access: 'user',
      params,
      body: postBody,
      response: postSchema,
      errors: [accessErrors.member, { 403: ['author-only'], 404: ['post-not-found'] }],
      handle: async ({ user, params: at, body }) => editPost(deps, user, at.groupId, at, body.body),
    });
    api.route({
      method: 'delete',
      path,
      operationId: `delete${name}`,
      tag: 'discussion',
      summary: `Delete my own ${what}; owners and moderators delete any`,
      description: `The author, or an owner or moderator of the group, deletes a ${what}.`,
      access: 'user',
      params,
      errors: { 403: ['author-only', 'members-only'], 404: ['group-not-found', 'post-not-found'] },
      handle: async ({ user, params: at }) => deletePost(deps, user, at.groupId, at),
    });
  }
}
