// The outbox relay's figures on a throwaway PostgreSQL with the tutoring schema. Not a test: prints figures.
//   latency:   200 events written one at a time, 50 ms apart: time from the writing commit to the receiver's answer
//   backlog:   2,000 events over 200 keys written at once (a peer back after an outage): time until all are delivered
//   baseline:  the same 2,000 events POSTed straight to the receiver, 20 at a time, from this process
// The relay runs with its production settings (poll 500 ms, batch 20).
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
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
import { percentile, startThrowawayPostgres } from '@tutoring-platform/testing';

const tokens: ServiceTokens = { get: async () => 'bench', refresh: () => undefined };

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  const logger = createLogger('bench', 'warn');
  const pool = createPool({ connectionString: serviceUrls.tutoring, max: 10 }, logger);
  const outbox = new Outbox(pool);

  const arrived = new Map<number, number>();
  const receiver = express().use(express.json());
  receiver.post('/api/peer/events', (req, res) => {
    arrived.set((req.body as { id: number }).id, performance.now());
    res.json({ applied: true });
  });
  const server: Server = await startServer(receiver, 0, '127.0.0.1');
  const peer = `http://127.0.0.1:${portOf(server)}/api/peer`;
  const relay = new OutboxRelay(outbox, { peer: httpEventDelivery(peer, 'tutoring', tokens) }, logger);

  const writeOne = async (key: string): Promise<{ id: number; at: number }> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await outbox.add(client, { destination: 'peer', key, type: 'bench', data: { key } });
      const { rows } = await client.query<{ id: string }>('SELECT max(id) AS id FROM outbox');
      await client.query('COMMIT');
      return { id: Number(rows[0]!.id), at: performance.now() };
    } finally {
      client.release();
    }
  };
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((r) => setTimeout(r, 5));
  };

  relay.start();
  const latencies: number[] = [];
  for (let i = 0; i < 200; i++) {
    const { id, at } = await writeOne(randomUUID());
    await until(() => arrived.has(id));
    latencies.push(arrived.get(id)! - at);
    await new Promise((r) => setTimeout(r, 50));
  }
  await relay.stop();

  const keys = Array.from({ length: 200 }, () => randomUUID());
  await pool.query(
    `INSERT INTO outbox (destination, key, type, data)
     SELECT 'peer', k, 'bench', jsonb_build_object('key', k) FROM unnest($1::text[]) k, generate_series(1, 10)`,
    [keys],
  );
  const backlogStart = performance.now();
  relay.start();
  await until(() => arrived.size >= 2_200);
  const backlogMs = performance.now() - backlogStart;
  await relay.stop();

  const direct = Array.from({ length: 2_000 }, (_, i) => ({ id: 1_000_000 + i, type: 'bench', time: new Date().toISOString(), data: {} }));
  const deliver = httpEventDelivery(peer, 'tutoring', tokens);
  const directStart = performance.now();
  for (let i = 0; i < direct.length; i += 20) await Promise.all(direct.slice(i, i + 20).map((event) => deliver(event)));
  const directMs = performance.now() - directStart;

  await stopServer(server, 1000);
  await pool.end();
  await postgres.stop();

  latencies.sort((a, b) => a - b);
  const ms = (v: number) => v.toFixed(0);
  console.log(`\noutbox delivery (Node ${process.version})`);
  const rows: Array<[string, string]> = [
    [
      'one event at a time: commit -> delivered, p50 / p99 / max ms (poll 500 ms)',
      `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} / ${ms(latencies.at(-1)!)}`,
    ],
    ['backlog: 2,000 events over 200 keys, all delivered in ms / events per s', `${ms(backlogMs)} / ${ms(2_000 / (backlogMs / 1000))}`],
    ['baseline: the same 2,000 POSTed directly, 20 at a time, ms / events per s', `${ms(directMs)} / ${ms(2_000 / (directMs / 1000))}`],
  ];
  for (const [name, value] of rows) console.log(`  ${name.padEnd(80)} ${value}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
