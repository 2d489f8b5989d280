// The discussion board: members post and reply, authors edit and delete their own words, owners and moderators
// delete anyone's. Reading follows the group's visibility.
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { GroupsDependencies } from '../dependencies';
import type { PostRecord } from '../data/post-repository';
import { accessTo, isManager, memberAccess, readAccess } from './group-access';

const postNotFound = () => new AppError('post-not-found', 404, 'No such post');

/** Where a post or a reply is: a reply names its post. */
export interface PostAddress {
  postId: string;
  replyId?: string | undefined;
}

export async function writePost(deps: GroupsDependencies, user: AuthUser, groupId: string, body: string): Promise<PostRecord> {
  await memberAccess(deps, groupId, user);
  const post = await deps.posts.create(groupId, user, body);
  await deps.groups.touch(groupId);
  return post;
}

export async function writeReply(deps: GroupsDependencies, user: AuthUser, groupId: string, postId: string, body: string) {
  const { group } = await memberAccess(deps, groupId, user);
  const post = await deps.posts.find(groupId, postId);
  if (!post) throw postNotFound();
  const reply = await deps.posts.reply(group, post, user, body);
  if (!reply) throw postNotFound();
  await deps.groups.touch(groupId);
  return reply;
}

export async function readPosts(
  deps: GroupsDependencies,
  user: AuthUser | undefined,
  groupId: string,
  page: { postId?: string | undefined; limit: number; after?: string | undefined },
) {
  await readAccess(deps, groupId, user);
  if (page.postId && !(await deps.posts.find(groupId, page.postId))) throw postNotFound();
  return deps.posts.page(groupId, {
    limit: page.limit,
    ...(page.postId ? { postId: page.postId } : {}),
    ...(page.after ? { after: page.after } : {}),
  });
}

export async function editPost(deps: GroupsDependencies, user: AuthUser, groupId: string, at: PostAddress, body: string) {
  await memberAccess(deps, groupId, user);
  const found = await deps.posts.find(groupId, at.postId, at.replyId);
  if (!found || found.deleted) throw postNotFound();
  if (found.authorId !== user.id) throw new AppError('author-only', 403, 'Only the author can edit a post');
  const edited = await deps.posts.edit(groupId, user.id, body, at.postId, at.replyId);
  if (!edited) throw postNotFound();
  return edited;
}

export async function deletePost(deps: GroupsDependencies, user: AuthUser, groupId: string, at: PostAddress): Promise<void> {
  const { member } = await accessTo(deps, groupId, user);
  const found = await deps.posts.find(groupId, at.postId, at.replyId);
  if (!member) throw new AppError('members-only', 403, 'Only members can do this');
  if (!found || found.deleted) throw postNotFound();
  if (found.authorId !== user.id && !isManager(member)) {
    throw new AppError('author-only', 403, 'Only the author, an owner or a moderator can delete a post');
  }
  if (!(await deps.posts.remove(groupId, at.postId, at.replyId))) throw postNotFound();
}
