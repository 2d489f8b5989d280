// The groups table's outbox under the shared relay, on the real DynamoDB Local, delivering to a real HTTP receiver:
// an event exists exactly when its change does, order per key, retries, rejected events set aside, and two relays
// (two tasks of the service) sharing one outbox without doubling up. Each test has an outbox partition of its own.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import express from 'express';
import request from 'supertest';
import {
  OutboxRelay,
  createLogger,
  httpEventDelivery,
  portOf,
  startServer,
  stopServer,
  type ServiceTokens,
} from '@tutoring-platform/shared';
import { untilChanged } from '@tutoring-platform/testing';
import { createDynamoClient } from '../src/dependencies';
import { DynamoOutbox } from '../src/data/outbox';
import { auth, createTestContext, expectError } from './support';

const logger = createLogger('outbox-test', 'silent');
const table = process.env.TEST_GROUPS_TABLE!;
const db = createDynamoClient({ region: 'eu-west-1', endpoint: process.env.TEST_DYNAMODB_ENDPOINT, logger });
const tokens: ServiceTokens = { get: async () => 'test-token', refresh: () => undefined };
let server: Server;
let receiverUrl: string;
/** What the receiver answers per event id (default 200), and every delivery it saw, in arrival order. */
const answers = new Map<number, number[]>();
const seen: Array<{ id: number; key: string }> = [];

beforeAll(async () => {
  const receiver = express().use(express.json());
  receiver.post('/api/peer/events', (req, res) => {
    const body = req.body as { id: number; data: { key: string } };
    seen.push({ id: body.id, key: body.data.key });
    res.status(answers.get(body.id)?.shift() ?? 200).json({});
  });
  server = await startServer(receiver, 0, '127.0.0.1');
  receiverUrl = `http://127.0.0.1:${portOf(server)}/api/peer`;
});
afterAll(async () => {
  await stopServer(server, 1000);
  db.destroy();
});

const inPartition = async (partition: string, prefix: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** An outbox of its own, and `count` events of `key` written one transaction each; their ids in order. */
async function write(outbox: DynamoOutbox, key: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const put = await outbox.put({ destination: 'peer', key, type: 'test', data: { key } });
    await db.send(new TransactWriteCommand({ TransactItems: [put] }));
    ids.push(put.Put.Item.id as number);
  }
  return ids;
}

/** Runs `count` relays until the partition holds no unsettled event (failing past `timeoutMs`). */
async function deliverAll(outbox: DynamoOutbox, partition: string, count = 1, timeoutMs = 5_000) {
  const relays = Array.from(
    { length: count },
    () =>
      new OutboxRelay(outbox, { peer: httpEventDelivery(receiverUrl, 'groups', tokens) }, logger, {
        pollMs: 20,
        retryBaseMs: 50,
        retryMaxMs: 200,
      }),
  );
  relays.forEach((relay) => relay.start());
  try {
    const { status } = await untilChanged(async () => ((await inPartition(partition, 'EVENT#')).length === 0 ? 0 : 1), 1, timeoutMs);
    expect(status).toBe(0);
  } finally {
    await Promise.all(relays.map((relay) => relay.stop()));
  }
}

const newOutbox = () => {
  const partition = `OUTBOX#${randomUUID()}`;
  return { partition, outbox: new DynamoOutbox(db, table, partition) };
};

describe('the groups outbox', () => {
  it('when the first event of a key fails twice, then the later ones of that key wait for it, and every one arrives in order', async () => {
    const { partition, outbox } = newOutbox();
    const key = randomUUID();
    const ids = await write(outbox, key, 4);
    answers.set(ids[0]!, [503, 503]);
    await deliverAll(outbox, partition);
    expect(seen.filter((s) => s.key === key).map((s) => s.id)).toEqual([ids[0], ids[0], ids[0], ids[1], ids[2], ids[3]]);
  });

  it('when the receiver rejects an event for good (422), then it is set aside with the reason and its key goes on', async () => {
    const { partition, outbox } = newOutbox();
    const key = randomUUID();
    const ids = await write(outbox, key, 2);
    answers.set(ids[0]!, [422]);
    await deliverAll(outbox, partition);
    expect(seen.filter((s) => s.key === key).map((s) => s.id)).toEqual(ids);
    const setAside = await inPartition(partition, 'SETASIDE#');
    expect(setAside.map((i) => [i.id, i.outcome, i.reason])).toEqual([[ids[0], 'rejected', expect.stringMatching(/^422/)]]);
  });

  it('when two relays share the outbox, then 100 events over 10 keys are each delivered once, in order per key', async () => {
    const { partition, outbox } = newOutbox();
    const keys = Array.from({ length: 10 }, () => randomUUID());
    const written = new Map<string, number[]>();
    await Promise.all(keys.map(async (key) => written.set(key, await write(outbox, key, 10))));
    await deliverAll(outbox, partition, 2, 20_000);
    for (const key of keys) expect(seen.filter((s) => s.key === key).map((s) => s.id)).toEqual(written.get(key));
  });

  it('when two tasks write events, then their ids never repeat (each reserves its own blocks)', async () => {
    const [a, b] = [newOutbox(), newOutbox()];
    const ids = (await Promise.all([write(a.outbox, 'k', 150), write(b.outbox, 'k', 150)])).flat();
    expect(new Set(ids).size).toBe(300);
  });

  it('when a change fails, then its event is not written; when it is made, the event is there', async () => {
    const partition = `OUTBOX#${randomUUID()}`;
    const ctx = await createTestContext({ outboxPartition: partition });
    try {
      const owner = await ctx.users.signUp('Olga Owner');
      const asker = await ctx.users.signUp('Ada Asker');
      const group = await request(ctx.app)
        .post('/api/groups')
        .set(auth(owner))
        .send({ name: 'Private stats', course: 'STAT101', subject: 'Statistics', capacity: 5, visibility: 'private' });
      const answer = (decision: string) =>
        request(ctx.app).post(`/api/groups/${group.body.id}/requests/${asker.id}`).set(auth(owner)).send({ decision });
      expectError(await answer('approve'), 404, 'request-not-found');
      expectError(await answer('decline'), 404, 'request-not-found');
      expect(await inPartition(partition, 'EVENT#')).toEqual([]);

      await request(ctx.app).post(`/api/groups/${group.body.id}/join`).set(auth(asker)).expect(200);
      expect((await answer('decline')).status).toBe(204);
      const events = await inPartition(partition, 'EVENT#');
      expect(events.map((e) => [e.destination, e.key, e.type, e.data])).toEqual([
        [
          'notifications',
          asker.id,
          'join-request-answered',
          { groupId: group.body.id, groupName: 'Private stats', userId: asker.id, approved: false },
        ],
      ]);
    } finally {
      await ctx.close();
    }
  });
});
