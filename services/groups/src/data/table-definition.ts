// The groups table, defined once: the local stack and tests create it from this, and the CDK will too.
// Single-table design; the access patterns are listed in services/groups/README.md.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const keys = {
  partition: 'pk',
  sort: 'sk',
  /** Browsing: discoverable groups by course, most recently active first. */
  browse: { index: 'gsi1', partition: 'gsi1pk', sort: 'gsi1sk' },
  /** Overloaded: a user's memberships under USER#<id>, every discoverable group under PUBLIC. */
  byMember: { index: 'gsi2', partition: 'gsi2pk', sort: 'gsi2sk' },
} as const;

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
} as const;

export function groupsTableDefinition(tableName: string): CreateTableCommandInput {
  const string = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const index = (spec: { index: string; partition: string; sort: string }) => ({
    IndexName: spec.index,
    KeySchema: [
      { AttributeName: spec.partition, KeyType: 'HASH' as const },
      { AttributeName: spec.sort, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      keys.partition,
      keys.sort,
      keys.browse.partition,
      keys.browse.sort,
      keys.byMember.partition,
      keys.byMember.sort,
    ].map(string),
    KeySchema: [
      { AttributeName: keys.partition, KeyType: 'HASH' },
      { AttributeName: keys.sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [index(keys.browse), index(keys.byMember)],
  };
}
