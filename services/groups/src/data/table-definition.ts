// The groups table's keys as this code names them, and the items it holds. The table itself (keys and indexes) is
// defined once, in the service catalog; provisioning, tests and the CDK app create it from there.
// Single-table design; the access patterns are listed in services/groups/README.md.
import { services } from '@tutoring-platform/shared/catalog';

const { table } = services.groups.store;
const indexKeys = (index: { name: string; partitionKey: string; sortKey: string }) =>
  ({ index: index.name, partition: index.partitionKey, sort: index.sortKey }) as const;

export const keys = {
  partition: table.partitionKey,
  sort: table.sortKey,
  /** Browsing: discoverable groups by course, most recently active first. */
  browse: indexKeys(table.indexes.browse),
  /** Overloaded: a user's memberships under USER#<id>, every discoverable group under PUBLIC. */
  byMember: indexKeys(table.indexes.byMember),
};

/** Sort keys of the items in a group's partition; README.md lists what each holds. */
export const item = {
  group: (id: string) => `GROUP#${id}`,
  meta: 'META',
  member: (userId: string) => `MEMBER#${userId}`,
  ban: (userId: string) => `BAN#${userId}`,
  request: (userId: string) => `REQUEST#${userId}`,
  waiter: (userId: string) => `WAITER#${userId}`,
  /** Zero-padded so the sort key orders the waitlist by arrival. */
  wait: (seq: number) => `WAIT#${String(seq).padStart(12, '0')}`,
  /** A waitlist number that no longer waits (promoted, left, banned) or was never used: positions count them out. */
  gone: (seq: number) => `GONE#${String(seq).padStart(12, '0')}`,
  meeting: (id: string) => `MEETING#${id}`,
  rsvp: (meetingId: string, userId: string) => `RSVP#${meetingId}#${userId}`,
  booking: (bookingId: string) => `BOOKING#${bookingId}`,
  /** Post and reply ids are UUIDv7, so their sort keys order them by time. */
  post: (id: string) => `POST#${id}`,
  reply: (postId: string, id: string) => `REPLY#${postId}#${id}`,
  /** A member's weekly free time, for finding a meeting time. */
  freeTime: (userId: string) => `FREE#${userId}`,
} as const;
