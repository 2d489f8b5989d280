// The groups table's group, membership, waitlist, request and ban items, changed only through conditional
// transactions so the member count can never exceed capacity or drift from the membership items.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { AppError, KeyedQueues } from '@tutoring-platform/shared';
import { joinRequestAnswered, waitlistPromoted, type GroupRef } from '../clients/group-notices';
import type { DynamoOutbox } from './outbox';
import { item, keys } from './table-definition';
import { backoff, cancellationReasons, itemsUnder, maxTries, queryAll, touch, updateIf, withConflictRetries } from './table-operations';

export type MemberRole = 'owner' | 'moderator' | 'member';
export type Visibility = 'public' | 'private' | 'unlisted';

export interface WeeklySchedule {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Local wall time, HH:MM. */
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
  visibility: Visibility;
  capacity: number;
  meetingStyle: 'online' | 'in_person' | 'hybrid';
  location: string | null;
  meetingLink: string | null;
  schedule: WeeklySchedule | null;
}

export interface GroupRecord extends GroupFields {
  id: string;
  ownerId: string;
  /** Places taken, never above `capacity`: every member but the owner, who always has a seat. */
  memberCount: number;
  status: 'active' | 'archived';
  /** Only unlisted groups have one; shown to their owners and moderators. */
  inviteCode: string | null;
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

const groupFieldNames = [
  'name',
  'course',
  'subject',
  'description',
  'tags',
  'visibility',
  'capacity',
  'meetingStyle',
  'location',
  'meetingLink',
  'schedule',
] as const satisfies ReadonlyArray<keyof GroupFields>;

function toGroup(i: Record<string, unknown>): GroupRecord {
  const g = i as unknown as GroupRecord;
  return {
    id: g.id,
    name: g.name,
    course: g.course,
    subject: g.subject,
    description: g.description,
    tags: g.tags,
    visibility: g.visibility,
    capacity: g.capacity,
    meetingStyle: g.meetingStyle ?? 'online',
    location: g.location ?? null,
    meetingLink: g.meetingLink ?? null,
    schedule: g.schedule ?? null,
    ownerId: g.ownerId,
    memberCount: g.memberCount,
    status: g.status ?? 'active',
    inviteCode: g.inviteCode ?? null,
    createdAt: g.createdAt,
    lastActivityAt: g.lastActivityAt,
  };
}

const toMember = (i: Record<string, unknown>): MemberRecord => ({
  userId: i.userId as string,
  role: i.role as MemberRole,
  joinedAt: i.joinedAt as string,
});

const newInviteCode = () => randomBytes(18).toString('base64url');

/** Public and private groups can be found by browsing; unlisted and archived ones only by their id. */
const discoverable = (g: Pick<GroupRecord, 'visibility' | 'status'>) => g.visibility !== 'unlisted' && g.status === 'active';

/** The browse index keys of a group, or none when it is not discoverable. */
function browseKeys(g: GroupRecord): Record<string, string> {
  if (!discoverable(g)) return {};
  const recent = `${g.lastActivityAt}#${g.id}`;
  return {
    [keys.browse.partition]: `COURSE#${g.course.toLowerCase()}`,
    [keys.browse.sort]: recent,
    [keys.byMember.partition]: 'PUBLIC',
    [keys.byMember.sort]: recent,
  };
}

/** What browsing filters on: lower-cased text, subject and tags. */
const searchAttributes = (g: GroupFields) => ({
  searchText: [g.name, g.description, g.subject, ...g.tags].join(' ').toLowerCase(),
  subjectKey: g.subject.toLowerCase(),
});

export interface BrowseQuery {
  course?: string | undefined;
  subject?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  hasSpace?: boolean | undefined;
  limit: number;
  after?: Record<string, unknown> | undefined;
}

interface WaitlistJoin {
  groupId: string;
  userId: string;
}

/** A new or existing place on the waitlist, or why there is none. */
export type WaitlistOutcome = { seq: number; placeFree: boolean } | 'banned' | 'member';

const groupBusy = () =>
  new AppError('group-busy', 503, 'Many people are joining this group right now; try again', undefined, { 'Retry-After': '1' });

export class GroupRepository {
  /** Joins that take a place, one at a time per group in this process (see `addMember`). */
  private readonly places = new KeyedQueues({ maxWaiting: 2_000, maxWaitMs: 5_000, busy: groupBusy });
  /** When a place-taking transaction last found the group full, by group, in `performance.now()` time. */
  private readonly foundFullAt = new LRUCache<string, number>({ max: 10_000 });

  /**
   * Reads of groups' META items that arrive in the same turn of the event loop share one BatchGetItem: a burst
   * of 300 requests about one group reads it a few times, not 300. Each read is still issued after its caller's
   * earlier writes, so a request reads its own writes.
   */
  private readonly metaReads = new DataLoader<string, Record<string, unknown> | undefined>((ids) => this.readMetas(ids), {
    cache: false,
    maxBatchSize: 100,
    batchScheduleFn: (dispatch) => setImmediate(dispatch),
  });

  /** Joiners of a full group arriving in the same turn share one number allocation and one transaction. */
  private readonly waitlistJoins = new DataLoader<WaitlistJoin, WaitlistOutcome>((joins) => this.writeWaitlistEntries(joins), {
    cache: false,
    // four actions per joiner, at most 100 in a transaction
    maxBatchSize: 25,
    batchScheduleFn: (dispatch) => setImmediate(dispatch),
  });

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly outbox: DynamoOutbox,
  ) {}

  private async readMetas(ids: readonly string[]): Promise<Array<Record<string, unknown> | undefined>> {
    const found = new Map<string, Record<string, unknown>>();
    let keys: Array<Record<string, unknown>> | undefined = [...new Set(ids)].map((id) => ({ pk: item.group(id), sk: item.meta }));
    for (let tries = 0; keys && keys.length > 0; tries++) {
      if (tries > 0) await backoff(tries);
      const page: BatchGetCommandOutput = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const meta of page.Responses?.[this.table] ?? []) found.set(meta.id as string, meta);
      keys = page.UnprocessedKeys?.[this.table]?.Keys;
    }
    return ids.map((id) => found.get(id));
  }

  async create(ownerId: string, fields: GroupFields): Promise<GroupRecord> {
    const now = new Date().toISOString();
    const group: GroupRecord = {
      ...fields,
      id: randomUUID(),
      ownerId,
      // the owner's seat is their own, not one of the `capacity` places others join
      memberCount: 0,
      status: 'active',
      inviteCode: fields.visibility === 'unlisted' ? newInviteCode() : null,
      createdAt: now,
      lastActivityAt: now,
    };
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { pk: item.group(group.id), sk: item.meta, ...browseKeys(group), ...searchAttributes(group), ...group, waitSeq: 0 },
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
    const meta = await this.metaReads.load(id);
    return meta && toGroup(meta);
  }

  /**
   * Writes edited fields. The capacity may not fall below the member count, and the browse keys follow the
   * visibility and course. Returns undefined when the count outgrew the new capacity meanwhile.
   */
  async update(group: GroupRecord, fields: GroupFields): Promise<GroupRecord | undefined> {
    const now = new Date().toISOString();
    const next: GroupRecord = {
      ...group,
      ...fields,
      inviteCode: fields.visibility === 'unlisted' ? (group.inviteCode ?? newInviteCode()) : null,
      lastActivityAt: now,
    };
    const values: Record<string, unknown> = { ...searchAttributes(next), ...browseKeys(next), inviteCode: next.inviteCode };
    for (const name of groupFieldNames) values[name] = next[name];
    values.lastActivityAt = now;
    const names = Object.keys(values);
    const removed = discoverable(next) ? [] : [keys.browse.partition, keys.byMember.partition];
    const changed = await updateIf(this.db, {
      TableName: this.table,
      Key: { pk: item.group(group.id), sk: item.meta },
      UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}${removed.length ? ` REMOVE ${removed.join(', ')}` : ''}`,
      ConditionExpression: 'memberCount <= :capacity AND #status = :active',
      ExpressionAttributeNames: { ...Object.fromEntries(names.map((n) => [`#${n}`, n])), '#status': 'status' },
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((n) => [`:${n}`, values[n]])),
        ':capacity': next.capacity,
        ':active': 'active',
      },
    });
    return changed === false ? undefined : next;
  }

  /** Archives an active group: it leaves browsing and takes no more joins, meetings or posts. */
  async archive(groupId: string): Promise<boolean> {
    const changed = await updateIf(this.db, {
      TableName: this.table,
      Key: { pk: item.group(groupId), sk: item.meta },
      UpdateExpression: `SET #status = :archived, lastActivityAt = :now REMOVE ${keys.browse.partition}, ${keys.byMember.partition}`,
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':archived': 'archived', ':active': 'active', ':now': new Date().toISOString() },
    });
    return changed !== false;
  }

  /** Replaces an unlisted group's invite code: links with the old one stop working. */
  async rotateInviteCode(groupId: string): Promise<string> {
    const code = newInviteCode();
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: item.group(groupId), sk: item.meta },
        UpdateExpression: 'SET inviteCode = :code',
        ConditionExpression: 'visibility = :unlisted',
        ExpressionAttributeValues: { ':code': code, ':unlisted': 'unlisted' },
      }),
    );
    return code;
  }

  /** Moves a group's activity time (a post or a meeting), which orders browsing. */
  async touch(groupId: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: item.group(groupId), sk: item.meta },
        UpdateExpression: `SET ${touch(groupId, now).expression}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: touch(groupId, now).values,
      }),
    );
  }

  /**
   * Discoverable groups, most recently active first: of one course (gsi1) or all (gsi2 under PUBLIC). Text,
   * subject, tag and "has space" filter the page the index returns, so a page may hold fewer than `limit`;
   * `next` continues.
   */
  async browse(query: BrowseQuery) {
    const index = query.course ? keys.browse : keys.byMember;
    // A cursor is DynamoDB's own LastEvaluatedKey: any other key set would make the query fail.
    const expected = [keys.partition, keys.sort, index.partition, index.sort].sort().join();
    if (query.after && Object.keys(query.after).sort().join() !== expected) {
      throw new AppError('invalid-cursor', 400, 'The cursor does not belong to this listing');
    }
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':partition': query.course ? `COURSE#${query.course.toLowerCase()}` : 'PUBLIC' };
    if (query.q) {
      filters.push('contains(searchText, :q)');
      values[':q'] = query.q.toLowerCase();
    }
    if (query.subject) {
      filters.push('subjectKey = :subject');
      values[':subject'] = query.subject.toLowerCase();
    }
    if (query.tag) {
      filters.push('contains(tags, :tag)');
      values[':tag'] = query.tag.toLowerCase();
    }
    if (query.hasSpace) {
      filters.push('memberCount < #capacity');
      names['#capacity'] = 'capacity';
    }
    const { Items, LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index.index,
        KeyConditionExpression: `${index.partition} = :partition`,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: query.after,
      }),
    );
    return { groups: (Items ?? []).map(toGroup), next: LastEvaluatedKey };
  }

  /** The groups a user belongs to, with their role: membership items through gsi2, then the groups themselves. */
  async groupsOf(userId: string): Promise<Array<{ group: GroupRecord; role: MemberRole }>> {
    const memberships = (
      await queryAll(this.db, {
        TableName: this.table,
        IndexName: keys.byMember.index,
        KeyConditionExpression: `${keys.byMember.partition} = :user`,
        ExpressionAttributeValues: { ':user': `USER#${userId}` },
      })
    ).map((i) => ({ groupId: String(i.pk).slice('GROUP#'.length), role: i.role as MemberRole }));
    const groups = await Promise.all(memberships.map((m) => this.find(m.groupId)));
    return memberships.flatMap((m, i) => (groups[i] ? [{ group: groups[i], role: m.role }] : []));
  }

  private async get(groupId: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: item.group(groupId), sk }, ConsistentRead: true }),
    );
    return Item;
  }

  private itemsUnder(groupId: string, prefix: string) {
    return itemsUnder(this.db, this.table, item.group(groupId), prefix);
  }

  async findMember(groupId: string, userId: string): Promise<MemberRecord | undefined> {
    const found = await this.get(groupId, item.member(userId));
    return found && toMember(found);
  }

  async findWaiter(groupId: string, userId: string): Promise<number | undefined> {
    return (await this.get(groupId, item.waiter(userId)))?.seq as number | undefined;
  }

  async isBanned(groupId: string, userId: string): Promise<boolean> {
    return (await this.get(groupId, item.ban(userId))) !== undefined;
  }

  private memberItem(groupId: string, member: MemberRecord) {
    return {
      pk: item.group(groupId),
      sk: item.member(member.userId),
      [keys.byMember.partition]: `USER#${member.userId}`,
      [keys.byMember.sort]: item.group(groupId),
      ...member,
    };
  }

  /** A transaction condition that the group has no item under `sk` (not a member, not waiting, not banned). */
  private absent(groupId: string, sk: string) {
    return {
      ConditionCheck: { TableName: this.table, Key: { pk: item.group(groupId), sk }, ConditionExpression: 'attribute_not_exists(pk)' },
    };
  }

  /** The transaction item that takes one place: the count rises only while it is below capacity. */
  private takePlace(groupId: string, now: string) {
    return {
      Update: {
        TableName: this.table,
        Key: { pk: item.group(groupId), sk: item.meta },
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

  private deleteItem(groupId: string, sk: string, mustExist = false) {
    return {
      Delete: {
        TableName: this.table,
        Key: { pk: item.group(groupId), sk },
        ...(mustExist ? { ConditionExpression: 'attribute_exists(pk)' } : {}),
      },
    };
  }

  /**
   * Becomes a member if there is space; the count and the member item change together or not at all. The
   * transactions that take a group's places run one at a time in this process: concurrent ones on the group's META
   * item would cancel each other (TransactionConflict) and retry in a storm. Once one finds the group full, those
   * queued behind it answer 'full' without asking again; a joiner sent to the waitlist that way is promoted at once
   * if a place was in fact free (see `addToWaitlist`).
   */
  async addMember(groupId: string, userId: string): Promise<'member' | 'full' | 'already' | 'banned'> {
    const queuedAt = performance.now();
    return this.places.run(groupId, async () => {
      if ((this.foundFullAt.get(groupId) ?? -1) >= queuedAt) return 'full';
      const outcome = await this.takePlaceFor(groupId, userId);
      if (outcome === 'full') this.foundFullAt.set(groupId, performance.now());
      else this.foundFullAt.delete(groupId);
      return outcome;
    });
  }

  private async takePlaceFor(groupId: string, userId: string): Promise<'member' | 'full' | 'already' | 'banned'> {
    const now = new Date().toISOString();
    try {
      await withConflictRetries(() =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              this.takePlace(groupId, now),
              this.newMember(groupId, userId, now),
              this.absent(groupId, item.waiter(userId)),
              this.absent(groupId, item.ban(userId)),
            ],
          }),
        ),
      );
      return 'member';
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons) throw err;
      if (reasons[3] === 'ConditionalCheckFailed') return 'banned';
      if (reasons[1] === 'ConditionalCheckFailed' || reasons[2] === 'ConditionalCheckFailed') return 'already';
      if (reasons[0] === 'ConditionalCheckFailed') return 'full';
      throw err;
    }
  }

  /**
   * Files the user on the waitlist under the next number; an existing entry is kept (retries are safe). A place
   * that is free when the number is taken shows as `placeFree`: the caller hands it on from the head.
   */
  addToWaitlist(groupId: string, userId: string): Promise<WaitlistOutcome> {
    return this.waitlistJoins.load({ groupId, userId });
  }

  private async writeWaitlistEntries(joins: readonly WaitlistJoin[]): Promise<Array<WaitlistOutcome | Error>> {
    const byGroup = new Map<string, Set<string>>();
    for (const { groupId, userId } of joins) byGroup.set(groupId, (byGroup.get(groupId) ?? new Set()).add(userId));
    const outcomes = new Map<string, WaitlistOutcome | Error>();
    await Promise.all(
      [...byGroup].map(async ([groupId, userIds]) => {
        try {
          for (const [userId, outcome] of await this.enqueue(groupId, [...userIds])) outcomes.set(`${groupId} ${userId}`, outcome);
        } catch (err) {
          for (const userId of userIds) outcomes.set(`${groupId} ${userId}`, err as Error);
        }
      }),
    );
    return joins.map((join) => outcomes.get(`${join.groupId} ${join.userId}`)!);
  }

  /**
   * Takes consecutive numbers for `userIds` (one atomic counter update) and files each under its number, all in
   * one transaction. A joiner the conditions refuse (banned, a member, waiting already) leaves the transaction,
   * its number recorded as gone so positions stay exact, and the others are written again.
   */
  private async enqueue(groupId: string, userIds: string[]): Promise<Map<string, WaitlistOutcome | Error>> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: item.group(groupId), sk: item.meta },
        UpdateExpression: 'ADD waitSeq :count',
        ExpressionAttributeValues: { ':count': userIds.length },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const first = (Attributes!.waitSeq as number) - userIds.length + 1;
    // read in the same step: a place that frees after this is handed on by whoever frees it
    const placeFree = (Attributes!.memberCount as number) < (Attributes!.capacity as number);
    const joinedAt = new Date().toISOString();
    const outcomes = new Map<string, WaitlistOutcome | Error>();
    let pending = userIds.map((userId, i) => ({ userId, seq: first + i }));
    for (let tries = 0; pending.length > 0; tries++) {
      try {
        await this.db.send(
          new TransactWriteCommand({ TransactItems: pending.flatMap((entry) => this.waiterItems(groupId, entry, joinedAt)) }),
        );
        for (const { userId, seq } of pending) outcomes.set(userId, { seq, placeFree });
        pending = [];
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        const refusedBy = (j: number) => reasons.slice(4 * j, 4 * j + 4).map((r) => r === 'ConditionalCheckFailed');
        const refused = pending.filter((_, j) => refusedBy(j).includes(true));
        if (refused.length === 0) {
          // lost a race with another transaction on one of these items: try again
          if (tries >= maxTries) throw err;
          await backoff(tries);
          continue;
        }
        await Promise.all(
          pending.map(async (entry, j) => {
            const [waiting, member, isBanned] = [refusedBy(j)[0], refusedBy(j)[2], refusedBy(j)[3]];
            if (!waiting && !member && !isBanned) return;
            await this.db.send(new PutCommand({ TableName: this.table, Item: this.goneItem(groupId, entry.seq) }));
            if (isBanned) outcomes.set(entry.userId, 'banned');
            else if (member) outcomes.set(entry.userId, 'member');
            else {
              const existing = await this.findWaiter(groupId, entry.userId);
              if (existing !== undefined) outcomes.set(entry.userId, { seq: existing, placeFree });
              // promoted meanwhile, or left again: the answer is whatever is true now
              else outcomes.set(entry.userId, (await this.findMember(groupId, entry.userId)) ? 'member' : groupBusy());
            }
          }),
        );
        pending = pending.filter((entry) => !refused.includes(entry));
      }
    }
    return outcomes;
  }

  /** A waitlist entry's items: the user's pointer and the numbered entry, if the user is not in the group already. */
  private waiterItems(groupId: string, entry: { userId: string; seq: number }, joinedAt: string) {
    const pk = item.group(groupId);
    return [
      {
        Put: {
          TableName: this.table,
          Item: { pk, sk: item.waiter(entry.userId), seq: entry.seq },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.table, Item: { pk, sk: item.wait(entry.seq), userId: entry.userId, seq: entry.seq, joinedAt } } },
      this.absent(groupId, item.member(entry.userId)),
      this.absent(groupId, item.ban(entry.userId)),
    ];
  }

  private goneItem(groupId: string, seq: number) {
    return { pk: item.group(groupId), sk: item.gone(seq), seq };
  }

  /** How many waitlist numbers below `seq` no longer wait (or were never used); counted across result pages. */
  private async goneBelow(groupId: string, seq: number): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':pk': item.group(groupId), ':first': item.gone(0), ':last': item.gone(seq - 1) },
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  }

  /**
   * The head of the waitlist, once every lower number has settled: a joiner who took a lower number but whose
   * entry is still being written must not be passed over. After a short wait the visible head is taken anyway.
   */
  private async settledHead(groupId: string): Promise<WaitlistEntry | undefined> {
    for (let tries = 0; ; tries++) {
      const [head] = await this.waitlist(groupId, 1);
      if (!head || tries >= 20 || (await this.goneBelow(groupId, head.seq)) === head.seq - 1) return head;
      await backoff(tries);
    }
  }

  /** Takes a user off the waitlist; false when they were not on it. */
  async removeWaiter(groupId: string, userId: string): Promise<boolean> {
    const seq = await this.findWaiter(groupId, userId);
    if (seq === undefined) return false;
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          this.deleteItem(groupId, item.waiter(userId)),
          this.deleteItem(groupId, item.wait(seq)),
          { Put: { TableName: this.table, Item: this.goneItem(groupId, seq) } },
        ],
      }),
    );
    return true;
  }

  /**
   * 1-based place on the waitlist of the entry with this number: every lower number that still waits is ahead,
   * including joiners whose entries are still being written.
   */
  async waitlistPosition(groupId: string, seq: number): Promise<number> {
    return seq - (await this.goneBelow(groupId, seq));
  }

  async waitlist(groupId: string, limit = 1000): Promise<WaitlistEntry[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :wait)',
        ExpressionAttributeValues: { ':pk': item.group(groupId), ':wait': 'WAIT#' },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((i) => ({ userId: i.userId as string, seq: i.seq as number, joinedAt: i.joinedAt as string }));
  }

  async members(groupId: string): Promise<MemberRecord[]> {
    return (await this.itemsUnder(groupId, 'MEMBER#')).map(toMember);
  }

  /** Files a request to join a private group: 'member' when the user is one already. An existing request stays. */
  async addRequest(groupId: string, userId: string): Promise<'requested' | 'member' | 'banned'> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { pk: item.group(groupId), sk: item.request(userId), userId, requestedAt: new Date().toISOString() },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            this.absent(groupId, item.member(userId)),
            this.absent(groupId, item.ban(userId)),
          ],
        }),
      );
      return 'requested';
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.[2] === 'ConditionalCheckFailed') return 'banned';
      if (reasons?.[1] === 'ConditionalCheckFailed') return 'member';
      if (reasons?.[0] === 'ConditionalCheckFailed') return 'requested';
      throw err;
    }
  }

  async hasRequest(groupId: string, userId: string): Promise<boolean> {
    return (await this.get(groupId, item.request(userId))) !== undefined;
  }

  async requests(groupId: string): Promise<Array<{ userId: string; requestedAt: string }>> {
    return (await this.itemsUnder(groupId, 'REQUEST#')).map((i) => ({ userId: i.userId as string, requestedAt: i.requestedAt as string }));
  }

  /** Approves a request: the request goes, the member comes and they are told, in one transaction, if there is space. */
  async approveRequest(group: GroupRef, userId: string): Promise<'approved' | 'full' | 'no-request'> {
    const now = new Date().toISOString();
    const notice = await this.outbox.put(joinRequestAnswered(group, userId, true));
    try {
      await withConflictRetries(() =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              this.deleteItem(group.id, item.request(userId), true),
              this.takePlace(group.id, now),
              this.newMember(group.id, userId, now),
              notice,
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

  /** Declines a request and tells the requester, together; false when there was none. */
  async declineRequest(group: GroupRef, userId: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            this.deleteItem(group.id, item.request(userId), true),
            await this.outbox.put(joinRequestAnswered(group, userId, false)),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') return false;
      throw err;
    }
  }

  /** Removes a request (its requester left or was banned); false when there was none. */
  async removeRequest(groupId: string, userId: string): Promise<boolean> {
    const { Attributes } = await this.db.send(
      new DeleteCommand({ TableName: this.table, Key: { pk: item.group(groupId), sk: item.request(userId) }, ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  /** Moves the head of the waitlist into a free place and tells them; false when there is no space or nobody waits. */
  async promoteHead(groupId: string): Promise<boolean> {
    for (let tries = 0; ; tries++) {
      // one read settles the common case, a full group, before the waitlist queries
      const group = await this.find(groupId);
      if (!group || group.memberCount >= group.capacity) return false;
      const head = await this.settledHead(groupId);
      if (!head) return false;
      const now = new Date().toISOString();
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              this.takePlace(groupId, now),
              this.deleteItem(groupId, item.wait(head.seq), true),
              this.deleteItem(groupId, item.waiter(head.userId)),
              this.newMember(groupId, head.userId, now),
              { Put: { TableName: this.table, Item: this.goneItem(groupId, head.seq) } },
              await this.outbox.put(waitlistPromoted(group, head.userId)),
            ],
          }),
        );
        return true;
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        if (reasons[0] === 'ConditionalCheckFailed') return false; // no space
        if (tries >= maxTries) throw err;
        await backoff(tries);
      }
    }
  }

  /**
   * Removes the member. When someone waits, the head of the waitlist takes the place in the same transaction
   * (the count stays) and is told; otherwise the count drops. Returns who was promoted, if anyone; undefined when the
   * user was not a member. The owner cannot be removed.
   */
  async removeMember(group: GroupRef, userId: string): Promise<{ promoted?: string } | undefined> {
    const groupId = group.id;
    for (let tries = 0; ; tries++) {
      const head = await this.settledHead(groupId);
      const now = new Date().toISOString();
      const leave = {
        Delete: {
          TableName: this.table,
          Key: { pk: item.group(groupId), sk: item.member(userId) },
          ConditionExpression: 'attribute_exists(pk) AND #role <> :owner',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':owner': 'owner' },
        },
      };
      const items = head
        ? [
            leave,
            this.deleteItem(groupId, item.wait(head.seq), true),
            this.deleteItem(groupId, item.waiter(head.userId)),
            this.newMember(groupId, head.userId, now),
            { Put: { TableName: this.table, Item: this.goneItem(groupId, head.seq) } },
            await this.outbox.put(waitlistPromoted(group, head.userId)),
            {
              Update: {
                TableName: this.table,
                Key: { pk: item.group(groupId), sk: item.meta },
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
                Key: { pk: item.group(groupId), sk: item.meta },
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
        if (tries >= maxTries) throw err;
        await backoff(tries);
      }
    }
  }

  /** Changes a member's role between member and moderator; false when they are not a member or are the owner. */
  async setRole(groupId: string, userId: string, role: 'moderator' | 'member'): Promise<boolean> {
    const changed = await updateIf(this.db, {
      TableName: this.table,
      Key: { pk: item.group(groupId), sk: item.member(userId) },
      UpdateExpression: 'SET #role = :role',
      ConditionExpression: 'attribute_exists(pk) AND #role <> :owner',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':role': role, ':owner': 'owner' },
    });
    return changed !== false;
  }

  /** Hands ownership to another member in one transaction; the old owner stays on as a moderator. */
  async transferOwnership(groupId: string, from: string, to: string): Promise<boolean> {
    const setRole = (userId: string, role: MemberRole, expected: string) => ({
      Update: {
        TableName: this.table,
        Key: { pk: item.group(groupId), sk: item.member(userId) },
        UpdateExpression: 'SET #role = :role',
        ConditionExpression: `attribute_exists(pk) AND #role ${expected}`,
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':role': role, ':owner': 'owner' },
      },
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: { pk: item.group(groupId), sk: item.meta },
                UpdateExpression: 'SET ownerId = :to',
                ConditionExpression: 'ownerId = :from',
                ExpressionAttributeValues: { ':to': to, ':from': from },
              },
            },
            setRole(from, 'moderator', '= :owner'),
            setRole(to, 'owner', '<> :owner'),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (cancellationReasons(err)) return false;
      throw err;
    }
  }

  /** Records a ban; the caller then removes the user's membership, waitlist place and request. */
  async ban(groupId: string, userId: string, bannedBy: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: item.group(groupId), sk: item.ban(userId), userId, bannedBy, bannedAt: new Date().toISOString() },
      }),
    );
  }

  async unban(groupId: string, userId: string): Promise<boolean> {
    const { Attributes } = await this.db.send(
      new DeleteCommand({ TableName: this.table, Key: { pk: item.group(groupId), sk: item.ban(userId) }, ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  async bans(groupId: string): Promise<Array<{ userId: string; bannedAt: string }>> {
    return (await this.itemsUnder(groupId, 'BAN#')).map((i) => ({ userId: i.userId as string, bannedAt: i.bannedAt as string }));
  }
}
