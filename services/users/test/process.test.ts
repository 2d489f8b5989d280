import { spawn } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { freePort } from '@tutoring-platform/testing';
import { testEnv } from './support';

const entry = path.join(__dirname, '..', 'dist', 'index.js');

function run(env: NodeJS.ProcessEnv): { exited: Promise<number | null>; output: () => string; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [entry], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return { exited: new Promise((resolve) => child.once('exit', resolve)), output: () => output, kill: (s) => child.kill(s) };
}

describe('the users service process', () => {
  it('when configuration is missing or invalid, then it exits non-zero listing every bad key at once', async () => {
    const proc = run({ PORT: 'not-a-port', PASSWORD_TIME_COST: '0' });
    expect(await proc.exited).toBe(1);
    for (const key of ['PORT', 'JWT_PRIVATE_KEY', 'DATABASE_URL', 'PASSWORD_TIME_COST']) expect(proc.output()).toContain(key);
  });

  it('when started against the database, then /readyz turns 200, and SIGTERM stops it with exit code 0', async () => {
    const port = 30000 + Math.floor(Math.random() * 20000);
    const proc = run({ ...testEnv({ LOG_LEVEL: 'info', SHUTDOWN_DRAIN_DELAY_MS: '0' }), PORT: String(port), HOST: '127.0.0.1' });
    const deadline = Date.now() + 15_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready = await fetch(`http://127.0.0.1:${port}/api/users/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 50));
    }
    expect(ready).toBe(true);
    proc.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toMatch(/"msg":"stopped"/);
  }, 30_000);

  it('when the database is not up yet, then it keeps running with readiness 503, and serves once the database answers', async () => {
    // The service's database address is a relay that first hangs up on every connection (the database is "down"),
    // and forwards to the real database once the service has seen at least one attempt fail.
    const database = new URL(testEnv().DATABASE_URL!);
    let databaseUp = false;
    let refused = 0;
    const sockets: Socket[] = [];
    const relay: Server = createServer((client) => {
      sockets.push(client);
      if (!databaseUp) {
        refused++;
        client.destroy();
        return;
      }
      const upstream = connect(Number(database.port), database.hostname);
      sockets.push(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => [client, upstream].forEach((s) => s.destroy());
      client.on('error', close);
      upstream.on('error', close);
    });
    const relayPort = await freePort();
    await new Promise<void>((resolve) => relay.listen(relayPort, '127.0.0.1', resolve));
    const port = await freePort();
    const proc = run({
      ...testEnv({ SHUTDOWN_DRAIN_DELAY_MS: '0', MIGRATE_ON_START: 'true', LOG_LEVEL: 'warn' }),
      DATABASE_URL: Object.assign(new URL(database.href), { port: String(relayPort) }).href,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    const get = (p: string) =>
      fetch(`http://127.0.0.1:${port}/api/users${p}`).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error?: { code: string } },
      }));
    const until = async (done: () => Promise<boolean> | boolean, what: string) => {
      for (const deadline = Date.now() + 20_000; !(await done());) {
        if (Date.now() > deadline) throw new Error(`not ${what} within 20 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await until(
        () =>
          get('/healthz').then(
            (r) => r.status === 200,
            () => false,
          ),
        'alive',
      );
      await until(() => refused > 0, 'trying the database');
      expect(await get('/readyz')).toMatchObject({ status: 503, body: { error: { code: 'starting' } } });
      expect((await get('/me')).status).toBe(503);

      databaseUp = true;
      await until(() => get('/readyz').then((r) => r.status === 200), 'ready');
      expect((await get('/me')).status).toBe(401);
    } finally {
      proc.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => relay.close(resolve));
    }
    // logs are buffered; the shutdown flushes them
    expect(proc.output()).toMatch(/data store not ready; retrying/);
  });
});
