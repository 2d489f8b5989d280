// The groups table: group, membership and waitlist items, changed only through conditional transactions so the
// member count can never exceed capacity or drift from the membership items.
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { AppError } from '@tutoring-platform/shared';
import { keys } from './table-definition';

export type MemberRole = 'owner' | 'moderator' | 'member';

export interface GroupFields {
  name: string;
  course: string;
  subject: string;
  description: string;
  tags: string[];
  visibility: 'public' | 'private';
  capacity: number;
}

export interface GroupRecord extends GroupFields {
  id: string;
  ownerId: string;
  memberCount: number;
  createdAt: string;
  lastActivityAt: string;
}

export interface MemberRecord {
  userId: string;
  role: MemberRole;
  joinedAt: string;
}

export interface WaitlistEntry {
  userId: string;
  seq: number;
  joinedAt: string;
}

const groupKey = (id: string) => `GROUP#${id}`;
const META = 'META';
const memberKey = (userId: string) => `MEMBER#${userId}`;
const waiterKey = (userId: string) => `WAITER#${userId}`;
const requestKey = (userId: string) => `REQUEST#${userId}`;
/** Zero-padded so the sort key orders the waitlist by arrival. */
const waitKey = (seq: number) => `WAIT#${String(seq).padStart(12, '0')}`;

/** Why a transaction was cancelled, per item, in request order (ConditionalCheckFailed, TransactionConflict, None). */
function cancellationReasons(err: unknown): string[] | undefined {
  return err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None') : undefined;
}

const isConflict = (reasons: string[]) => reasons.some((r) => r === 'TransactionConflict');

/** Recent activity orders browsing: the indexes' sort keys move with lastActivityAt. */
const touch = (groupId: string, now: string) => ({
  expression: 'lastActivityAt = :now, gsi1sk = :recent, gsi2sk = :recent',
  values: { ':now': now, ':recent': `${now}#${groupId}` },
});

/** Jittered exponential pause before retrying a transaction that lost a race. */
const backoff = (tries: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** Math.min(tries, 6))));

/** Retries a transaction that lost a race with another one on the same items, with jittered backoff. */
async function withConflictRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons || !isConflict(reasons) || tries >= 50) throw err;
      await backoff(tries);
    }
  }
}

function toGroup(item: Record<string, unknown>): GroupRecord {
  const { id, name, course, subject, description, tags, visibility, capacity, ownerId, memberCount, createdAt, lastActivityAt } =
    item as unknown as GroupRecord;
  return { id, name, course, subject, description, tags, visibility, capacity, ownerId, memberCount, createdAt, lastActivityAt };
}

export type JoinOutcome = { status: 'member' } | { status: 'waitlisted'; seq: number } | { status: 'full' };

export class GroupRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(ownerId: string, fields: GroupFields): Promise<GroupRecord> {
    const now = new Date().toISOString();
    const group: GroupRecord = { ...fields, id: randomUUID(), ownerId, memberCount: 1, createdAt: now, lastActivityAt: now };
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: {
                [keys.partition]: groupKey(group.id),
                [keys.sort]: META,
                [keys.browse.partition]: `COURSE#${group.course.toLowerCase()}`,
                [keys.browse.sort]: `${now}#${group.id}`,
                // gsi2 is overloaded: members are filed by user, public groups all under PUBLIC
                [keys.byMember.partition]: 'PUBLIC',
                [keys.byMember.sort]: `${now}#${group.id}`,
                searchText: [group.name, group.description, group.subject, ...group.tags].join(' ').toLowerCase(),
                ...group,
                waitSeq: 0,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: this.table, Item: this.memberItem(group.id, { userId: ownerId, role: 'owner', joinedAt: now }) } },
        ],
      }),
    );
    return group;
  }

  async find(id: string): Promise<GroupRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: groupKey(id), sk: META }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const {
      id: groupId,
      name,
      course,
      subject,
      description,
      tags,
      visibility,
      capacity,
      ownerId,
      memberCount,
      createdAt,
      lastActivityAt,
    } = Item as GroupRecord;
    return { id: groupId, name, course, subject, description, tags, visibility, capacity, ownerId, memberCount, createdAt, lastActivityAt };
  }

  /**
   * Public groups, most recently active first: of one course (gsi1) or all (gsi2 under PUBLIC). Text and "has
   * space" are filters on the page the index returns, so a page may hold fewer than `limit`; `next` continues.
   */
  async browse(query: {
    course?: string | undefined;
    q?: string | undefined;
    hasSpace?: boolean | undefined;
    limit: number;
    after?: Record<string, unknown> | undefined;
  }) {
    const index = query.course ? keys.browse : keys.byMember;
    // A cursor is DynamoDB's own LastEvaluatedKey: any other key set would make the query fail.
    const expected = [keys.partition, keys.sort, index.partition, index.sort].sort().join();
    if (query.after && Object.keys(query.after).sort().join() !== expected) {
      throw new AppError('invalid-cursor', 400, 'The cursor does not belong to this listing');
    }
    const filters = [...(query.q ? ['contains(searchText, :q)'] : []), ...(query.hasSpace ? ['memberCount < #capacity'] : [])];
    const { Items, LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index.index,
        KeyConditionExpression: `${index.partition} = :partition`,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(query.hasSpace ? { ExpressionAttributeNames: { '#capacity': 'capacity' } } : {}),
        ExpressionAttributeValues: {
          ':partition': query.course ? `COURSE#${query.course.toLowerCase()}` : 'PUBLIC',
          ...(query.q ? { ':q': query.q.toLowerCase() } : {}),
        },
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: query.after,
      }),
    );
    return { groups: (Items ?? []).map((i) => toGroup(i)), next: LastEvaluatedKey };
  }

  /** The groups a user belongs to, with their role: membership items through gsi2, then the groups themselves. */
  async groupsOf(userId: string): Promise<Array<{ group: GroupRecord; role: MemberRole }>> {
    const memberships: Array<{ groupId: string; role: MemberRole }> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: keys.byMember.index,
          KeyConditionExpression: `${keys.byMember.partition} = :user`,
          ExpressionAttributeValues: { ':user': `USER#${userId}` },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) memberships.push({ groupId: String(i.pk).slice('GROUP#'.length), role: i.role as MemberRole });
      start = page.LastEvaluatedKey;
    } while (start);
    const groups = await Promise.all(memberships.map((m) => this.find(m.groupId)));
    return memberships.flatMap((m, i) => (groups[i] ? [{ group: groups[i], role: m.role }] : []));
  }

  async findMember(groupId: string, userId: string): Promise<MemberRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: groupKey(groupId), sk: memberKey(userId) }, ConsistentRead: true }),
    );
    return Item && { userId: Item.userId as string, role: Item.role as MemberRole, joinedAt: Item.joinedAt as string };
  }

  async findWaiter(groupId: string, userId: string): Promise<number | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: groupKey(groupId), sk: waiterKey(userId) }, ConsistentRead: true }),
    );
    return Item?.seq as number | undefined;
  }

  private memberItem(groupId: string, member: MemberRecord) {
    return {
      [keys.partition]: groupKey(groupId),
      [keys.sort]: memberKey(member.userId),
      [keys.byMember.partition]: `USER#${member.userId}`,
      [keys.byMember.sort]: groupKey(groupId),
      ...member,
    };
  }

  /** A transaction condition that the group has no item under `sk` (not a member, not waiting). */
  private absent(groupId: string, sk: string) {
    return {
      ConditionCheck: { TableName: this.table, Key: { pk: groupKey(groupId), sk }, ConditionExpression: 'attribute_not_exists(pk)' },
    };
  }

  /** The transaction item that takes one place: the count rises only while it is below capacity. */
  private takePlace(groupId: string, now: string) {
    return {
      Update: {
        TableName: this.table,
        Key: { pk: groupKey(groupId), sk: META },
        UpdateExpression: `SET memberCount = memberCount + :one, ${touch(groupId, now).expression}`,
        ConditionExpression: 'memberCount < #capacity',
        ExpressionAttributeNames: { '#capacity': 'capacity' },
        ExpressionAttributeValues: { ':one': 1, ...touch(groupId, now).values },
      },
    };
  }

  /** The transaction item that adds a member who must not be one already. */
  private newMember(groupId: string, userId: string, now: string) {
    return {
      Put: {
        TableName: this.table,
        Item: this.memberItem(groupId, { userId, role: 'member', joinedAt: now }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Becomes a member if there is space; the count and the member item change together or not at all. */
  async addMember(groupId: string, userId: string): Promise<'member' | 'full' | 'already'> {
    const now = new Date().toISOString();
    try {
      await withConflictRetries(() =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [this.takePlace(groupId, now), this.newMember(groupId, userId, now), this.absent(groupId, waiterKey(userId))],
          }),
        ),
      );
      return 'member';
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons) throw err;
      if (reasons[1] === 'ConditionalCheckFailed' || reasons[2] === 'ConditionalCheckFailed') return 'already';
      if (reasons[0] === 'ConditionalCheckFailed') return 'full';
      throw err;
    }
  }

  /** Takes the next waitlist number and files the user under it; an existing entry is kept (retries are safe). */
  async addToWaitlist(groupId: string, userId: string): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: groupKey(groupId), sk: META },
        UpdateExpression: 'ADD waitSeq :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const seq = Attributes!.waitSeq as number;
    const joinedAt = new Date().toISOString();
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { pk: groupKey(groupId), sk: waiterKey(userId), seq },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.table, Item: { pk: groupKey(groupId), sk: waitKey(seq), userId, seq, joinedAt } } },
            this.absent(groupId, memberKey(userId)),
          ],
        }),
      );
      return seq;
    } catch (err) {
      const reasons = cancellationReasons(err);
      const existing = reasons?.[0] === 'ConditionalCheckFailed' ? await this.findWaiter(groupId, userId) : undefined;
      if (existing !== undefined) return existing;
      throw err;
    }
  }

  /** 1-based place on the waitlist of the entry with this number. */
  async waitlistPosition(groupId: string, seq: number): Promise<number> {
    const { Count } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :mine',
        ExpressionAttributeValues: { ':pk': groupKey(groupId), ':first': waitKey(0), ':mine': waitKey(seq) },
        Select: 'COUNT',
        ConsistentRead: true,
      }),
    );
    return Count ?? 0;
  }

  async waitlist(groupId: string, limit = 1000): Promise<WaitlistEntry[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :wait)',
        ExpressionAttributeValues: { ':pk': groupKey(groupId), ':wait': 'WAIT#' },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((i) => ({ userId: i.userId as string, seq: i.seq as number, joinedAt: i.joinedAt as string }));
  }

  async members(groupId: string): Promise<MemberRecord[]> {
    const members: MemberRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
          ExpressionAttributeValues: { ':pk': groupKey(groupId), ':member': 'MEMBER#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? [])
        members.push({ userId: i.userId as string, role: i.role as MemberRole, joinedAt: i.joinedAt as string });
      start = page.LastEvaluatedKey;
    } while (start);
    return members;
  }

  /** Files a request to join a private group; false when the user is already a member. An existing request stays. */
  async addRequest(groupId: string, userId: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { pk: groupKey(groupId), sk: requestKey(userId), userId, requestedAt: new Date().toISOString() },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            this.absent(groupId, memberKey(userId)),
          ],
        }),
      );
      return true;
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.[1] === 'ConditionalCheckFailed') return false;
      if (reasons?.[0] === 'ConditionalCheckFailed') return true;
      throw err;
    }
  }

  async requests(groupId: string): Promise<Array<{ userId: string; requestedAt: string }>> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :request)',
        ExpressionAttributeValues: { ':pk': groupKey(groupId), ':request': 'REQUEST#' },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((i) => ({ userId: i.userId as string, requestedAt: i.requestedAt as string }));
  }

  /** Approves a request: the request goes and the member comes in one transaction, if there is space. */
  async approveRequest(groupId: string, userId: string): Promise<'approved' | 'full' | 'no-request'> {
    const now = new Date().toISOString();
    try {
      await withConflictRetries(() =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: this.table,
                  Key: { pk: groupKey(groupId), sk: requestKey(userId) },
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              this.takePlace(groupId, now),
              this.newMember(groupId, userId, now),
            ],
          }),
        ),
      );
      return 'approved';
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.[0] === 'ConditionalCheckFailed') return 'no-request';
      if (reasons?.[1] === 'ConditionalCheckFailed') return 'full';
      throw err;
    }
  }

  /** Removes a request; false when there was none. */
  async removeRequest(groupId: string, userId: string): Promise<boolean> {
    const { Attributes } = await this.db.send(
      new DeleteCommand({ TableName: this.table, Key: { pk: groupKey(groupId), sk: requestKey(userId) }, ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  /** Moves the head of the waitlist into a free place; false when there is no space or nobody waits. */
  async promoteHead(groupId: string): Promise<boolean> {
    for (let tries = 0; ; tries++) {
      const [head] = await this.waitlist(groupId, 1);
      if (!head) return false;
      const now = new Date().toISOString();
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              this.takePlace(groupId, now),
              {
                Delete: {
                  TableName: this.table,
                  Key: { pk: groupKey(groupId), sk: waitKey(head.seq) },
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
              { Delete: { TableName: this.table, Key: { pk: groupKey(groupId), sk: waiterKey(head.userId) } } },
              this.newMember(groupId, head.userId, now),
            ],
          }),
        );
        return true;
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        if (reasons[0] === 'ConditionalCheckFailed') return false; // no space
        if (tries >= 50) throw err;
        await backoff(tries);
      }
    }
  }

  /**
   * Removes the member. When someone waits, the head of the waitlist takes the place in the same transaction
   * (the count stays); otherwise the count drops. Returns who was promoted, if anyone.
   */
  async removeMember(groupId: string, userId: string): Promise<{ promoted?: string } | undefined> {
    for (let tries = 0; ; tries++) {
      const [head] = await this.waitlist(groupId, 1);
      const now = new Date().toISOString();
      const leave = {
        Delete: {
          TableName: this.table,
          Key: { pk: groupKey(groupId), sk: memberKey(userId) },
          ConditionExpression: 'attribute_exists(pk)',
        },
      };
      const items = head
        ? [
            leave,
            {
              Delete: {
                TableName: this.table,
                Key: { pk: groupKey(groupId), sk: waitKey(head.seq) },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            { Delete: { TableName: this.table, Key: { pk: groupKey(groupId), sk: waiterKey(head.userId) } } },
            this.newMember(groupId, head.userId, now),
            {
              Update: {
                TableName: this.table,
                Key: { pk: groupKey(groupId), sk: META },
                UpdateExpression: `SET ${touch(groupId, now).expression}`,
                ExpressionAttributeValues: touch(groupId, now).values,
              },
            },
          ]
        : [
            leave,
            {
              Update: {
                TableName: this.table,
                Key: { pk: groupKey(groupId), sk: META },
                UpdateExpression: `SET memberCount = memberCount - :one, ${touch(groupId, now).expression}`,
                ConditionExpression: 'memberCount > :zero',
                ExpressionAttributeValues: { ':one': 1, ':zero': 0, ...touch(groupId, now).values },
              },
            },
          ];
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return head ? { promoted: head.userId } : {};
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        if (reasons[0] === 'ConditionalCheckFailed') return undefined; // not a member (any more)
        // Lost a race (another leave promoted the same head, or a join changed the count): look again.
        if (tries >= 50) throw err;
        await backoff(tries);
      }
    }
  }
}
