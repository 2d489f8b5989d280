// The outbox relay on the real database, delivering to a real HTTP receiver: order per key, retries with backoff,
// rejected events set aside, and two relays (two tasks of the service) sharing one outbox without doubling up.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import type pg from 'pg';
import { Outbox, createPool } from '@tutoring-platform/postgres';
import {
  createLogger,
  httpEventDelivery,
  portOf,
  startServer,
  stopServer,
  type ServiceTokens,
  OutboxRelay,
} from '@tutoring-platform/shared';
import { untilChanged } from '@tutoring-platform/testing';

const logger = createLogger('outbox-test', 'silent');
const tokens: ServiceTokens = { get: async () => 'test-token', refresh: () => undefined };
let pool: pg.Pool;
let outbox: Outbox;
let server: Server;
let receiverUrl: string;
/** What the receiver answers per event id (default 200), and every delivery it saw, in arrival order. */
const answers = new Map<number, number[]>();
const seen: Array<{ id: number; key: string }> = [];

beforeAll(async () => {
  pool = createPool({ connectionString: process.env.TEST_DATABASE_URL_TUTORING, max: 6 }, logger);
  outbox = new Outbox(pool);
  const receiver = express().use(express.json());
  receiver.post('/api/peer/events', (req, res) => {
    const body = req.body as { id: number; data: { key: string } };
    seen.push({ id: body.id, key: body.data.key });
    const status = answers.get(body.id)?.shift() ?? 200;
    res.status(status).json({});
  });
  server = await startServer(receiver, 0, '127.0.0.1');
  receiverUrl = `http://127.0.0.1:${portOf(server)}/api/peer`;
});
afterAll(async () => {
  await stopServer(server, 1000);
  await pool.end();
});

/** A relay for its own destination name, so no other test's relay touches these events. */
function relayFor(destination: string) {
  return new OutboxRelay(outbox, { [destination]: httpEventDelivery(receiverUrl, 'tutoring', tokens) }, logger, {
    pollMs: 20,
    retryBaseMs: 50,
    retryMaxMs: 200,
  });
}

async function write(destination: string, key: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    await outbox.add(pool, { destination, key, type: 'test', data: { key } });
    const { rows } = await pool.query<{ id: string }>('SELECT max(id) AS id FROM outbox WHERE destination = $1', [destination]);
    ids.push(Number(rows[0]!.id));
  }
  return ids;
}

const unsettled = async (destination: string) =>
  (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE destination = $1 AND settled_at IS NULL', [destination]))
    .rows[0]!.n;

/** Waits until every event for `destination` is settled; fails if that takes longer than `timeoutMs`. */
async function allSettled(destination: string, timeoutMs = 5_000) {
  const { status } = await untilChanged(async () => ((await unsettled(destination)) === 0 ? 0 : 1), 1, timeoutMs);
  expect(status).toBe(0);
}

/** Runs `count` relays for `destination` until every one of its events is settled (failing past `timeoutMs`). */
async function deliverAll(destination: string, count = 1, timeoutMs = 5_000) {
  const relays = Array.from({ length: count }, () => relayFor(destination));
  relays.forEach((relay) => relay.start());
  try {
    await allSettled(destination, timeoutMs);
  } finally {
    await Promise.all(relays.map((relay) => relay.stop()));
  }
}

describe('the outbox relay', () => {
  it('when the first event of a key fails twice, then the later ones of that key wait for it, and every one arrives in order', async () => {
    const destination = `peer-${randomUUID()}`;
    const key = randomUUID();
    const ids = await write(destination, key, 4);
    answers.set(ids[0]!, [503, 503]);
    await deliverAll(destination);
    const deliveries = seen.filter((s) => s.key === key).map((s) => s.id);
    expect(deliveries).toEqual([ids[0], ids[0], ids[0], ids[1], ids[2], ids[3]]);
    const rows = (await pool.query('SELECT attempts, outcome FROM outbox WHERE destination = $1 ORDER BY id', [destination])).rows;
    expect(rows).toEqual([
      { attempts: 3, outcome: 'delivered' },
      { attempts: 1, outcome: 'delivered' },
      { attempts: 1, outcome: 'delivered' },
      { attempts: 1, outcome: 'delivered' },
    ]);
  });

  it('when the receiver rejects an event for good (422), then it is set aside with the reason and its key goes on', async () => {
    const destination = `peer-${randomUUID()}`;
    const key = randomUUID();
    const ids = await write(destination, key, 2);
    answers.set(ids[0]!, [422]);
    await deliverAll(destination);
    const rows = (await pool.query('SELECT outcome, last_error FROM outbox WHERE destination = $1 ORDER BY id', [destination])).rows;
    expect(rows).toEqual([
      { outcome: 'rejected', last_error: expect.stringMatching(/^422/) },
      { outcome: 'delivered', last_error: null },
    ]);
  });

  it('when two relays share the outbox, then 200 events over 20 keys are each delivered once, in order per key', async () => {
    const destination = `peer-${randomUUID()}`;
    const keys = Array.from({ length: 20 }, () => randomUUID());
    const written = new Map<string, number[]>();
    for (const key of keys) written.set(key, await write(destination, key, 10));
    await deliverAll(destination, 2, 20_000);
    for (const key of keys) expect(seen.filter((s) => s.key === key).map((s) => s.id)).toEqual(written.get(key));
  });
});
