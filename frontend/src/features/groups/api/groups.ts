// The groups API: groups, membership, meetings (and tutor sessions), discussion.
import { apiRequest } from '../../../lib/api-client';

export type Role = 'owner' | 'moderator' | 'member';

export interface WeeklySchedule {
  weekday: number;
  start: string;
  durationMinutes: number;
  timezone: string;
}

export interface GroupFields {
  name: string;
  course: string;
  subject: string;
  description: string;
  tags: string[];
  visibility: 'public' | 'private' | 'unlisted';
  capacity: number;
  meetingStyle: 'online' | 'in_person' | 'hybrid';
  location: string | null;
  meetingLink: string | null;
  schedule: WeeklySchedule | null;
}

export interface Group extends GroupFields {
  id: string;
  memberCount: number;
  status: 'active' | 'archived';
  ownerId: string;
  createdAt: string;
  lastActivityAt: string;
  viewer?: { role: Role | null; waitlistPosition: number | null; requested: boolean; banned: boolean };
}

export interface Meeting {
  id: string;
  groupId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  location: string | null;
  meetingLink: string | null;
  agenda: string;
  capacity: number | null;
  goingCount: number;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  tutor: { tutorId: string; tutorName: string; courseId: string; bookingId: string; organizerId: string } | null;
}

export type RsvpStatus = 'going' | 'maybe' | 'not_going' | 'waitlisted';
export interface Rsvp {
  userId: string;
  status: RsvpStatus;
  position: number | null;
}

export interface Post {
  id: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  replyCount: number;
}

const base = '/api/groups';

export const browseGroups = (query: { course?: string; subject?: string; tag?: string; q?: string; hasSpace?: string; cursor?: string }) =>
  apiRequest<{ groups: Group[]; nextCursor: string | null }>(base, { query: { ...query, limit: 20 } });
export const myGroups = () => apiRequest<{ groups: Array<Group & { myRole: Role }> }>(`${base}/mine`).then((r) => r.groups);
export const getGroup = (id: string) => apiRequest<Group>(`${base}/${id}`);
export const createGroup = (fields: GroupFields) => apiRequest<Group>(base, { method: 'POST', body: fields });
export const editGroup = (id: string, fields: Partial<GroupFields>) =>
  apiRequest<Group>(`${base}/${id}`, { method: 'PATCH', body: fields });
export const archiveGroup = (id: string) => apiRequest<Group>(`${base}/${id}/archive`, { method: 'POST' });

export const joinGroup = (id: string, inviteCode?: string) =>
  apiRequest<{ status: 'member' | 'waitlisted' | 'requested'; position?: number }>(`${base}/${id}/join`, {
    method: 'POST',
    body: inviteCode ? { inviteCode } : {},
  });
export const leaveGroup = (id: string) => apiRequest<{ promoted: boolean }>(`${base}/${id}/leave`, { method: 'POST' });
export const getInvite = (id: string) => apiRequest<{ inviteCode: string }>(`${base}/${id}/invite`);
export const rotateInvite = (id: string) => apiRequest<{ inviteCode: string }>(`${base}/${id}/invite`, { method: 'POST' });

export const listMembers = (id: string) =>
  apiRequest<{ members: Array<{ userId: string; role: Role; joinedAt: string }>; waitlist: Array<{ userId: string; position: number }> }>(
    `${base}/${id}/members`,
  );
export const setRole = (id: string, userId: string, role: 'moderator' | 'member') =>
  apiRequest(`${base}/${id}/members/${userId}/role`, { method: 'PUT', body: { role } });
export const removeMember = (id: string, userId: string) => apiRequest(`${base}/${id}/members/${userId}`, { method: 'DELETE' });
export const banUser = (id: string, userId: string) => apiRequest(`${base}/${id}/bans/${userId}`, { method: 'PUT' });
export const unbanUser = (id: string, userId: string) => apiRequest(`${base}/${id}/bans/${userId}`, { method: 'DELETE' });
export const listBans = (id: string) => apiRequest<{ bans: Array<{ userId: string }> }>(`${base}/${id}/bans`).then((r) => r.bans);
export const transferOwnership = (id: string, userId: string) => apiRequest(`${base}/${id}/owner`, { method: 'PUT', body: { userId } });
export const listRequests = (id: string) =>
  apiRequest<{ requests: Array<{ userId: string; requestedAt: string }> }>(`${base}/${id}/requests`).then((r) => r.requests);
export const answerRequest = (id: string, userId: string, decision: 'approve' | 'decline') =>
  apiRequest(`${base}/${id}/requests/${userId}`, { method: 'POST', body: { decision } });

export const listMeetings = (id: string, when: 'upcoming' | 'past') =>
  apiRequest<{ meetings: Meeting[] }>(`${base}/${id}/meetings`, { query: { when } }).then((r) => r.meetings);
export const getMeeting = (id: string, meetingId: string) =>
  apiRequest<{ meeting: Meeting; rsvps: Rsvp[] }>(`${base}/${id}/meetings/${meetingId}`);
export const scheduleMeeting = (
  id: string,
  meeting: { title: string; startsAt: string; endsAt: string; timezone: string; agenda: string; capacity: number | null },
) => apiRequest<Meeting>(`${base}/${id}/meetings`, { method: 'POST', body: meeting });
export const answerMeeting = (id: string, meetingId: string, status: Exclude<RsvpStatus, 'waitlisted'>) =>
  apiRequest<Rsvp>(`${base}/${id}/meetings/${meetingId}/rsvp`, { method: 'PUT', body: { status } });
export const cancelMeeting = (id: string, meetingId: string) =>
  apiRequest<Meeting>(`${base}/${id}/meetings/${meetingId}/cancel`, { method: 'POST', body: {} });
export const meetingIcsPath = (id: string, meetingId: string) => `${base}/${id}/meetings/${meetingId}/ics`;
export const upcomingMeetings = () =>
  apiRequest<{ meetings: Array<{ meeting: Meeting; groupName: string; myRsvp: RsvpStatus | null }> }>(`${base}/meetings/upcoming`).then(
    (r) => r.meetings,
  );

export const bookTutorSession = (
  id: string,
  session: { tutorId: string; courseId: string; start: string; length: number; timezone: string; title: string; seats?: number },
  idempotencyKey: string,
) => apiRequest<Meeting>(`${base}/${id}/tutor-sessions`, { method: 'POST', body: session, headers: { 'Idempotency-Key': idempotencyKey } });

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
  apiRequest<{ posts: Post[]; nextCursor: string | null }>(`${base}/${id}/posts`, { query: { cursor } });
export const listReplies = (id: string, postId: string) =>
  apiRequest<{ posts: Post[] }>(`${base}/${id}/posts/${postId}/replies`, { query: { limit: 50 } });
export const writePost = (id: string, body: string) => apiRequest<Post>(`${base}/${id}/posts`, { method: 'POST', body: { body } });
export const writeReply = (id: string, postId: string, body: string) =>
  apiRequest<Post>(`${base}/${id}/posts/${postId}/replies`, { method: 'POST', body: { body } });
const postPath = (id: string, postId: string, replyId?: string) => `${base}/${id}/posts/${postId}${replyId ? `/replies/${replyId}` : ''}`;
export const editPost = (id: string, body: string, postId: string, replyId?: string) =>
  apiRequest<Post>(postPath(id, postId, replyId), { method: 'PATCH', body: { body } });
export const deletePost = (id: string, postId: string, replyId?: string) => apiRequest(postPath(id, postId, replyId), { method: 'DELETE' });
