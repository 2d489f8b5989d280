// Prints the users service's figures beside baselines measured in the same run. Not a test: numbers only.
//   GET /api/users/me (autocannon, 50 connections, 10 s) vs bare node:http + pg doing the same SELECT
//   argon2id hashes per second on one core at production cost, and login p99 with 20 concurrent clients
//   cold start: process spawn -> /readyz 200
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import argon2 from 'argon2';
import { generateSigningKey } from '@tutoring-platform/provision';
import { benchSecrets, freePort, percentile, spawnNode, startThrowawayPostgres, stopProcess, waitForOk } from '@tutoring-platform/testing';

const servicesDir = path.resolve(__dirname, '..', '..');
const usersEntry = path.join(servicesDir, 'users', 'dist', 'index.js');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

async function load(options: autocannon.Options) {
  // Two seconds of warm-up (JIT, pool connections) before the measured run, for every server alike.
  await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ duration: seconds, ...options });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return { reqPerSec: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx };
}

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  const databaseUrl = serviceUrls.users;

  const serviceEnv = {
    DATABASE_URL: databaseUrl,
    JWT_PRIVATE_KEY: generateSigningKey(),
    ...benchSecrets,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info', // production logs one line per request; stdout is discarded here
    RATE_LIMIT_PER_MINUTE: '100000000', // the per-IP limit would otherwise throttle a single load generator
    SHUTDOWN_DRAIN_DELAY_MS: '0',
  };

  // Cold start: spawn -> /readyz 200, five times (migrations already applied, as on any restart).
  const coldStarts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const port = await freePort();
    const started = performance.now();
    const child = spawnNode([usersEntry], { ...serviceEnv, PORT: String(port) });
    await waitForOk(`http://127.0.0.1:${port}/api/users/readyz`);
    coldStarts.push(performance.now() - started);
    await stopProcess(child);
  }

  const port = await freePort();
  const service = spawnNode([usersEntry], { ...serviceEnv, PORT: String(port) });
  const base = `http://127.0.0.1:${port}/api/users`;
  await waitForOk(`${base}/readyz`);
  const credentials = { email: 'bench@example.test', password: 'benchmark passphrase 2026' };
  const registered = await fetch(`${base}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credentials, displayName: 'Bench', timezone: 'UTC' }),
  });
  const { accessToken, user } = (await registered.json()) as { accessToken: string; user: { id: string } };

  const runBaseline = async (framework: 'node' | 'express') => {
    const baselinePort = await freePort();
    const baseline = spawnNode(['--import', 'tsx', path.join(__dirname, 'baseline-server.ts')], {
      DATABASE_URL: databaseUrl,
      USER_ID: user.id,
      PORT: String(baselinePort),
      FRAMEWORK: framework,
    });
    await waitForOk(`http://127.0.0.1:${baselinePort}/`);
    const figures = await load({ url: `http://127.0.0.1:${baselinePort}/`, connections: 50 });
    await stopProcess(baseline);
    return figures;
  };
  const bare = await runBaseline('node');
  const bareExpress = await runBaseline('express');
  const me = await load({ url: `${base}/me`, connections: 50, headers: { authorization: `Bearer ${accessToken}` } });

  // Password hashing at production cost (m=19 MiB, t=2, p=1), one at a time = one core.
  const hashTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await argon2.hash(`password-${i}`, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    hashTimes.push(performance.now() - t);
  }
  const meanHashMs = hashTimes.reduce((a, b) => a + b, 0) / hashTimes.length;

  // Unknown email vs wrong password, sequential, production cost: the decoy hash should make them alike.
  const timeLogin = async (email: string) => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: i < 8 ? email : `${i}-${email}`, password: 'wrong password' }),
      });
      times.push(performance.now() - t);
    }
    return percentile(
      [...times].sort((a, b) => a - b),
      50,
    );
  };
  const wrongPasswordMs = await timeLogin(credentials.email);
  const unknownEmailMs = await timeLogin('nobody@example.test');
  // the failures above must not lock the benchmark account out of the load below
  await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });

  const login = await load({
    url: `${base}/auth/login`,
    method: 'POST',
    connections: 20,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  await stopProcess(service);
  await postgres.stop();

  const sortedCold = [...coldStarts].sort((a, b) => a - b);
  const figures = {
    'GET /me req/s': me.reqPerSec,
    'GET /me p50/p99 ms': `${me.p50} / ${me.p99}`,
    'GET /me non-2xx': me.non2xx,
    'baseline node:http+pg req/s': bare.reqPerSec,
    'baseline p50/p99 ms': `${bare.p50} / ${bare.p99}`,
    'ratio /me to baseline (target >= 0.5)': (me.reqPerSec / bare.reqPerSec).toFixed(2),
    'reference: bare Express 5 + pg req/s': bareExpress.reqPerSec,
    'reference: bare Express 5 + pg to baseline': (bareExpress.reqPerSec / bare.reqPerSec).toFixed(2),
    'argon2id hashes/s on one core (m=19MiB,t=2,p=1)': (1000 / meanHashMs).toFixed(1),
    'login req/s (20 clients)': login.reqPerSec,
    'login p50/p99 ms (20 clients)': `${login.p50} / ${login.p99}`,
    'login non-2xx': login.non2xx,
    'failed login median ms: wrong password / unknown email': `${wrongPasswordMs.toFixed(0)} / ${unknownEmailMs.toFixed(0)}`,
    'cold start to /readyz ms (min/median/max of 5, target < 1000)': `${sortedCold[0]!.toFixed(0)} / ${percentile(sortedCold, 50).toFixed(0)} / ${sortedCold.at(-1)!.toFixed(0)}`,
  };
  console.log(`\nusers service benchmark (${seconds} s per load, ${os.cpus().length} cores, Node ${process.version})`);
  for (const [name, value] of Object.entries(figures)) console.log(`  ${name.padEnd(66)} ${value}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
