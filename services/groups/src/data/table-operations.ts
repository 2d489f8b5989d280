// DynamoDB plumbing shared by the groups repositories: paged queries, why a transaction failed, retrying races.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
  type QueryCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** Every item of a query, following DynamoDB's pages. */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Items of one partition whose sort key starts with `prefix`, in sort-key order (strongly consistent). */
export const itemsUnder = (db: DynamoDBDocumentClient, table: string, pk: string, prefix: string) =>
  queryAll(db, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

/** A conditional update: false when its condition did not hold (nothing changed), else the item's returned attributes. */
export async function updateIf(db: DynamoDBDocumentClient, input: UpdateCommandInput): Promise<Record<string, unknown> | false> {
  try {
    const { Attributes } = await db.send(new UpdateCommand(input));
    return Attributes ?? {};
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** A conditional put: false when its condition did not hold (nothing written). */
export async function putIfAbsent(db: DynamoDBDocumentClient, input: PutCommandInput): Promise<boolean> {
  try {
    await db.send(new PutCommand(input));
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/**
 * A transaction whose first item is the conditional change: false when that condition did not hold (nothing was
 * written), as `updateIf` and `putIfAbsent` answer for one item.
 */
export async function transactIf(
  db: DynamoDBDocumentClient,
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
): Promise<boolean> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (err) {
    if (cancellationReasons(err)?.[0] === 'ConditionalCheckFailed') return false;
    throw err;
  }
}

/** Why a transaction was cancelled, per item, in request order (ConditionalCheckFailed, TransactionConflict, None). */
export function cancellationReasons(err: unknown): string[] | undefined {
  return err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None') : undefined;
}

const isConflict = (reasons: string[]) => reasons.some((r) => r === 'TransactionConflict');

/** Jittered exponential pause before retrying a transaction that lost a race. */
export const backoff = (tries: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** Math.min(tries, 6))));

export const maxTries = 50;

/** Retries a transaction that lost a race with another one on the same items, with jittered backoff. */
export async function withConflictRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons || !isConflict(reasons) || tries >= maxTries) throw err;
      await backoff(tries);
    }
  }
}

/** Recent activity orders browsing: the indexes' sort keys move with lastActivityAt. */
export const touch = (groupId: string, now: string) => ({
  expression: 'lastActivityAt = :now, gsi1sk = :recent, gsi2sk = :recent',
  values: { ':now': now, ':recent': `${now}#${groupId}` },
});
