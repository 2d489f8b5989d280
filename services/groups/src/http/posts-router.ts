// /api/groups/:groupId/posts: the discussion board, newest posts first, each post's replies oldest first.
import { z } from 'zod';
import { cursorSchema, encodeCursor, type Api, text } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
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
    tag: 'discussion',
    summary: 'Posts, newest first (members only, except in a public group)',
    access: 'public',
    params: groupParams,
    query: pageQuery,
    response: page,
    errors: [403, 404],
    handle: async ({ user, params, query }) =>
      toPage(await readPosts(deps, user, params.groupId, { limit: query.limit, after: query.cursor?.after })),
  });

  api.route({
    method: 'post',
    path: '/:groupId/posts',
    tag: 'discussion',
    summary: 'Post to the group (members)',
    access: 'user',
    params: groupParams,
    body: postBody,
    response: postSchema,
    status: 201,
    errors: [403, 404, 409],
    handle: async ({ user, params, body }) => writePost(deps, user, params.groupId, body.body),
  });

  api.route({
    method: 'get',
    path: '/:groupId/posts/:postId/replies',
    tag: 'discussion',
    summary: 'Replies to a post, oldest first',
    access: 'public',
    params: byPost,
    query: pageQuery,
    response: page,
    errors: [403, 404],
    handle: async ({ user, params, query }) =>
      toPage(await readPosts(deps, user, params.groupId, { postId: params.postId, limit: query.limit, after: query.cursor?.after })),
  });

  api.route({
    method: 'post',
    path: '/:groupId/posts/:postId/replies',
    tag: 'discussion',
    summary: 'Reply to a post (members)',
    access: 'user',
    params: byPost,
    body: postBody,
    response: postSchema,
    status: 201,
    errors: [403, 404, 409],
    handle: async ({ user, params, body }) => writeReply(deps, user, params.groupId, params.postId, body.body),
  });

  for (const [path, params] of [
    ['/:groupId/posts/:postId', byPost],
    ['/:groupId/posts/:postId/replies/:replyId', byReply],
  ] as const) {
    api.route({
      method: 'patch',
      path,
      tag: 'discussion',
      summary: 'Edit my own post or reply',
      access: 'user',
      params,
      body: postBody,
      response: postSchema,
      errors: [403, 404, 409],
      handle: async ({ user, params: at, body }) => editPost(deps, user, at.groupId, at, body.body),
    });
    api.route({
      method: 'delete',
      path,
      tag: 'discussion',
      summary: 'Delete my own post or reply; owners and moderators delete any',
      access: 'user',
      params,
      errors: [403, 404],
      handle: async ({ user, params: at }) => deletePost(deps, user, at.groupId, at),
    });
  }
}
