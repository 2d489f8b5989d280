// The groups API: groups, membership, meetings (and tutor sessions), discussion.
import { apiRequest } from '../../../lib/api-client';
import type { GroupsBody, GroupsResponse, GroupsSchema } from '../../../lib/api-types';

export type Group = GroupsResponse<'/api/groups/{groupId}', 'get'>;
export type Role = NonNullable<GroupsSchema<'GroupViewer'>['role']>;
/** Every field of a group, as the form sends them (the API fills defaults for any left out). */
export type GroupFields = Required<GroupsBody<'/api/groups', 'post'>>;
export type Meeting = GroupsSchema<'Meeting'>;
export type Rsvp = GroupsSchema<'Rsvp'>;
export type RsvpStatus = Rsvp['status'];
export type Post = GroupsSchema<'Post'>;

const base = '/api/groups';

export const browseGroups = (query: { course?: string; subject?: string; tag?: string; q?: string; hasSpace?: string; cursor?: string }) =>
  apiRequest<GroupsResponse<'/api/groups', 'get'>>(base, { query: { ...query, limit: 20 } });
export const myGroups = () => apiRequest<GroupsResponse<'/api/groups/mine', 'get'>>(`${base}/mine`).then((r) => r.groups);
export const getGroup = (id: string) => apiRequest<Group>(`${base}/${id}`);
export const createGroup = (fields: GroupFields) => apiRequest<Group>(base, { method: 'POST', body: fields });
export const editGroup = (id: string, fields: GroupsBody<'/api/groups/{groupId}', 'patch'>) =>
  apiRequest<Group>(`${base}/${id}`, { method: 'PATCH', body: fields });
export const archiveGroup = (id: string) => apiRequest<Group>(`${base}/${id}/archive`, { method: 'POST' });

export const joinGroup = (id: string, inviteCode?: string) =>
  apiRequest<GroupsResponse<'/api/groups/{groupId}/join', 'post'>>(`${base}/${id}/join`, {
    method: 'POST',
    body: inviteCode ? { inviteCode } : {},
  });
export const leaveGroup = (id: string) => apiRequest<{ promoted: boolean }>(`${base}/${id}/leave`, { method: 'POST' });
export const getInvite = (id: string) => apiRequest<{ inviteCode: string }>(`${base}/${id}/invite`);
export const rotateInvite = (id: string) => apiRequest<{ inviteCode: string }>(`${base}/${id}/invite`, { method: 'POST' });

export const listMembers = (id: string) => apiRequest<GroupsResponse<'/api/groups/{groupId}/members', 'get'>>(`${base}/${id}/members`);
export const setRole = (id: string, userId: string, role: 'moderator' | 'member') =>
  apiRequest(`${base}/${id}/members/${userId}/role`, { method: 'PUT', body: { role } });
export const removeMember = (id: string, userId: string) => apiRequest(`${base}/${id}/members/${userId}`, { method: 'DELETE' });
export const banUser = (id: string, userId: string) => apiRequest(`${base}/${id}/bans/${userId}`, { method: 'PUT' });
export const unbanUser = (id: string, userId: string) => apiRequest(`${base}/${id}/bans/${userId}`, { method: 'DELETE' });
export const listBans = (id: string) =>
  apiRequest<GroupsResponse<'/api/groups/{groupId}/bans', 'get'>>(`${base}/${id}/bans`).then((r) => r.bans);
export const transferOwnership = (id: string, userId: string) => apiRequest(`${base}/${id}/owner`, { method: 'PUT', body: { userId } });
export const listRequests = (id: string) =>
  apiRequest<GroupsResponse<'/api/groups/{groupId}/requests', 'get'>>(`${base}/${id}/requests`).then((r) => r.requests);
export const answerRequest = (id: string, userId: string, decision: 'approve' | 'decline') =>
  apiRequest(`${base}/${id}/requests/${userId}`, { method: 'POST', body: { decision } });

export const listMeetings = (id: string, when: 'upcoming' | 'past') =>
  apiRequest<GroupsResponse<'/api/groups/{groupId}/meetings', 'get'>>(`${base}/${id}/meetings`, { query: { when } }).then(
    (r) => r.meetings,
  );
export const getMeeting = (id: string, meetingId: string) =>
  apiRequest<GroupsResponse<'/api/groups/{groupId}/meetings/{meetingId}', 'get'>>(`${base}/${id}/meetings/${meetingId}`);
export const scheduleMeeting = (id: string, meeting: GroupsBody<'/api/groups/{groupId}/meetings', 'post'>) =>
  apiRequest<Meeting>(`${base}/${id}/meetings`, { method: 'POST', body: meeting });
export const answerMeeting = (id: string, meetingId: string, status: Exclude<RsvpStatus, 'waitlisted'>) =>
  apiRequest<Rsvp>(`${base}/${id}/meetings/${meetingId}/rsvp`, { method: 'PUT', body: { status } });
export const cancelMeeting = (id: string, meetingId: string) =>
  apiRequest<Meeting>(`${base}/${id}/meetings/${meetingId}/cancel`, { method: 'POST', body: {} });
export const meetingIcsPath = (id: string, meetingId: string) => `${base}/${id}/meetings/${meetingId}/ics`;
export const upcomingMeetings = () =>
  apiRequest<GroupsResponse<'/api/groups/meetings/upcoming', 'get'>>(`${base}/meetings/upcoming`).then((r) => r.meetings);

export const bookTutorSession = (id: string, session: GroupsBody<'/api/groups/{groupId}/tutor-sessions', 'post'>, idempotencyKey: string) =>
  apiRequest<Meeting>(`${base}/${id}/tutor-sessions`, { method: 'POST', body: session, headers: { 'Idempotency-Key': idempotencyKey } });

/** Tutors to pick for a group session, from the tutoring service's public search. */
export const findTutors = (q: string) =>
  apiRequest<{
    tutors: Array<{
      id: string;
      displayName: string;
      headline: string;
      courseIds: string[];
      sessionLengths: number[];
      timezone: string;
      maxGroupSize: number;
    }>;
  }>('/api/tutoring/tutors', { query: { q, limit: 10 } }).then((r) => r.tutors);

export const listPosts = (id: string, cursor?: string) =>
  apiRequest<GroupsResponse<'/api/groups/{groupId}/posts', 'get'>>(`${base}/${id}/posts`, { query: { cursor } });
export const listReplies = (id: string, postId: string) =>
  apiRequest<GroupsResponse<'/api/groups/{groupId}/posts/{postId}/replies', 'get'>>(`${base}/${id}/posts/${postId}/replies`, {
    query: { limit: 50 },
  });
export const writePost = (id: string, body: string) => apiRequest<Post>(`${base}/${id}/posts`, { method: 'POST', body: { body } });
export const writeReply = (id: string, postId: string, body: string) =>
  apiRequest<Post>(`${base}/${id}/posts/${postId}/replies`, { method: 'POST', body: { body } });
const postPath = (id: string, postId: string, replyId?: string) => `${base}/${id}/posts/${postId}${replyId ? `/replies/${replyId}` : ''}`;
export const editPost = (id: string, body: string, postId: string, replyId?: string) =>
  apiRequest<Post>(postPath(id, postId, replyId), { method: 'PATCH', body: { body } });
export const deletePost = (id: string, postId: string, replyId?: string) => apiRequest(postPath(id, postId, replyId), { method: 'DELETE' });

export type FreeTime = GroupsSchema<'FreeTime'>;
export type FreeTimeOverlap = GroupsSchema<'FreeTimeOverlap'>;
export const getMyFreeTime = (id: string) => apiRequest<FreeTime>(`${base}/${id}/free-time/mine`);
export const setMyFreeTime = (id: string, free: GroupsBody<'/api/groups/{groupId}/free-time/mine', 'put'>) =>
  apiRequest<FreeTime>(`${base}/${id}/free-time/mine`, { method: 'PUT', body: free });
export const findAMeetingTime = (id: string, timezone: string, length: number) =>
  apiRequest<FreeTimeOverlap>(`${base}/${id}/free-time`, { query: { timezone, length } });
export const editMeeting = (id: string, meetingId: string, changes: GroupsBody<'/api/groups/{groupId}/meetings/{meetingId}', 'patch'>) =>
  apiRequest<Meeting>(`${base}/${id}/meetings/${meetingId}`, { method: 'PATCH', body: changes });
