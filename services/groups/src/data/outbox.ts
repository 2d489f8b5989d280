// The groups table's transactional outbox: an event is one more item of the TransactWriteItems that makes the change,
// so it exists exactly when the change does; the shared `OutboxRelay` delivers it. PostgreSQL's outbox cannot share
// a DynamoDB transaction, so the store differs while the relay, its leases, retries and order per key are the same.
// Events live in one partition (low volume: promotions, answers, replies), oldest first by sort key; a delivered event is deleted, a rejected one set aside.
import {
  DeleteCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ClaimedEvent, OutboxStore } from '@tutoring-platform/shared';
import { queryAll, updateIf } from './table-operations';

export interface NewEvent {
  /** The peer service that receives it. */
  destination: string;
  /** Events with one key reach their destination in the order they were written. */
  key: string;
  type: string;
  data: Record<string, unknown>;
}

/** One write of a TransactWriteItems. */
export interface OutboxPut {
  Put: { TableName: string; Item: Record<string, unknown>; ConditionExpression: string };
}

/** The id counter: one for the table, whichever partition holds the events, so ids never repeat. */
const SEQUENCE = { pk: 'OUTBOX', sk: 'SEQUENCE' };
/** Event ids are taken from the table's counter this many at a time: one counter write per block, not per event. */
const ID_BLOCK = 100;
/** Unsettled events read per claim: a key's later events wait behind its first. */
const SCAN_WINDOW = 200;

const eventKey = (time: string, id: number) => `EVENT#${time}#${String(id).padStart(16, '0')}`;
const setAsideKey = (time: string, id: number) => `SETASIDE#${time}#${String(id).padStart(16, '0')}`;

const toClaimed = (item: Record<string, unknown>): ClaimedEvent => ({
  id: item.id as number,
  destination: item.destination as string,
  type: item.type as string,
  time: item.time as string,
  data: item.data as Record<string, unknown>,
  attempts: item.attempts as number,
});

export class DynamoOutbox implements OutboxStore {
  private ids = { next: 1, end: 0 };
  private reserving: Promise<void> | undefined;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** The partition holding the events and their id counter. @default 'OUTBOX' */
    private readonly partition = 'OUTBOX',
  ) {}

  /** The write that records `event`; put it in the transaction that makes the change. */
  async put(event: NewEvent, now = new Date()): Promise<OutboxPut> {
    const id = await this.nextId();
    const time = now.toISOString();
    return {
      Put: {
        TableName: this.table,
        Item: { pk: this.partition, sk: eventKey(time, id), id, time, ...event, attempts: 0, nextAttemptAt: now.getTime() },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Ids are unique across every task sharing the table (each reserves its own blocks), not ordered between tasks. */
  private async nextId(): Promise<number> {
    while (this.ids.next > this.ids.end) {
      this.reserving ??= this.reserveBlock().finally(() => {
        this.reserving = undefined;
      });
      await this.reserving;
    }
    return this.ids.next++;
  }

  private async reserveBlock(): Promise<void> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: SEQUENCE,
        UpdateExpression: 'ADD lastId :block',
        ExpressionAttributeValues: { ':block': ID_BLOCK },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const end = Attributes!.lastId as number;
    this.ids = { next: end - ID_BLOCK + 1, end };
  }

  async claim(destinations: string[], limit: number, leaseMs: number): Promise<ClaimedEvent[]> {
    const now = Date.now();
    const page = await this.db.send(new QueryCommand({ ...this.under('EVENT#'), Limit: SCAN_WINDOW }));
    const seen = new Set<string>();
    const due: Array<Record<string, unknown>> = [];
    for (const item of page.Items ?? []) {
      const stream = `${item.destination as string}\u0000${item.key as string}`;
      if (seen.has(stream)) continue;
      seen.add(stream);
      const free = item.leasedUntil === undefined || (item.leasedUntil as number) < now;
      if (destinations.includes(item.destination as string) && free && (item.nextAttemptAt as number) <= now) due.push(item);
      if (due.length === limit) break;
    }
    const leased = await Promise.all(
      due.map((item) =>
        updateIf(this.db, {
          TableName: this.table,
          Key: { pk: this.partition, sk: item.sk },
          UpdateExpression: 'SET leasedUntil = :until, attempts = attempts + :one',
          // another task may have leased it since the read
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(leasedUntil) OR leasedUntil < :now)',
          ExpressionAttributeValues: { ':until': now + leaseMs, ':one': 1, ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return leased.filter((item): item is Record<string, unknown> => item !== false).map(toClaimed);
  }

  async settle(event: ClaimedEvent, outcome: 'delivered' | 'rejected', reason?: string): Promise<void> {
    if (outcome === 'rejected') {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  pk: this.partition,
                  sk: setAsideKey(event.time, event.id),
                  ...event,
                  outcome,
                  reason,
                  settledAt: new Date().toISOString(),
                },
              },
            },
            { Delete: { TableName: this.table, Key: { pk: this.partition, sk: eventKey(event.time, event.id) } } },
          ],
        }),
      );
      return;
    }
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: this.partition, sk: eventKey(event.time, event.id) } }));
  }

  async postpone(event: ClaimedEvent, delayMs: number, reason: string): Promise<void> {
    await updateIf(this.db, {
      TableName: this.table,
      Key: { pk: this.partition, sk: eventKey(event.time, event.id) },
      UpdateExpression: 'SET nextAttemptAt = :at, lastError = :reason REMOVE leasedUntil',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': Date.now() + delayMs, ':reason': reason },
    });
  }

  /** Forgets events set aside more than `days` ago (delivered ones are gone already). */
  async prune(days: number): Promise<number> {
    const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
    const old = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': this.partition, ':from': 'SETASIDE#', ':to': `SETASIDE#${cutoff}` },
    });
    for (const item of old) await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: this.partition, sk: item.sk } }));
    return old.length;
  }

  private under(prefix: string): QueryCommandInput {
    return {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': this.partition, ':prefix': prefix },
      ConsistentRead: true,
    };
  }
}
