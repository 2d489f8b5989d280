import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import { portOf, startServer, stopServer } from '../src';

const fixture = path.join(__dirname, 'fixtures', 'slow-server.ts');

function startFixture(): Promise<{ child: ChildProcess; port: number; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DRAIN_MS: '1000' },
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve({ child, port: Number(match[1]), lines });
    });
    child.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
  });
}

function get(
  port: number,
  path: string,
  agent: http.Agent | false,
): Promise<{ status: number; body: string; socket: import('node:net').Socket }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, socket: req.socket! }));
    });
    req.on('error', reject);
  });
}

describe('graceful shutdown on SIGTERM', () => {
  it('when a slow request is in flight and a keep-alive socket idles, then the request completes, readiness says 503, the idle socket closes and the process exits 0 within 10 s', async () => {
    const { child, port, lines } = await startFixture();
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.once('exit', (code) => resolve({ code, at: Date.now() })),
    );

    // An idle keep-alive connection, as a load balancer or browser would hold.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const warm = await get(port, '/api/slow/healthz', keepAlive);
    expect(warm.status).toBe(200);
    const idleSocketClosed = new Promise<void>((resolve) => warm.socket.once('close', () => resolve()));

    const slow = get(port, '/api/slow/work?ms=2500', false);
    // the service is working on it, however busy the machine is
    while (!lines.includes('working')) await sleep(20);
    const signalledAt = Date.now();
    child.kill('SIGTERM');

    // readiness turns 503 as soon as the signal is handled, within the 1 s drain delay
    let readiness = await get(port, '/api/slow/readyz', false);
    while (readiness.status === 200 && Date.now() - signalledAt < 1_000) readiness = await get(port, '/api/slow/readyz', false);
    expect(readiness.status).toBe(503);
    expect(JSON.parse(readiness.body).error.code).toBe('shutting-down');

    const finished = await slow;
    expect(finished.status).toBe(200);
    expect(JSON.parse(finished.body)).toEqual({ done: true });
    await idleSocketClosed;

    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(10_000);
    expect(lines).toContain('resources closed');
    keepAlive.destroy();
  }, 20_000);

  it('when the process stalls between accepting connections and reading their requests during a stop, then every request is still answered', async () => {
    const app = express();
    app.get('/work', (_req, res) => {
      res.json({ done: true });
    });
    const server = await startServer(app, 0, '127.0.0.1');
    const port = portOf(server);
    // A process starved of CPU: each accepted connection holds the loop 100 ms before its request can be read, so
    // the first sockets look idle for longer than the quiet period though their requests wait in the kernel.
    server.on('connection', () => {
      const until = Date.now() + 100;
      while (Date.now() < until);
    });
    const burst = Array.from(
      { length: 12 },
      () =>
        new Promise<string>((resolve) => {
          const req = http.get({ host: '127.0.0.1', port, path: '/work', agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(String(res.statusCode)));
          });
          req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
        }),
    );
    const stopped = stopServer(server, 10_000, 300);
    expect(await Promise.all(burst)).toEqual(Array(12).fill('200'));
    await stopped;
    expect(server.listening).toBe(false);
  }, 20_000);

  it('when a server stops 20 times under load with no drain delay, then every request sent before the stop is answered', async () => {
    const failures: string[] = [];
    let answered = 0;
    for (let round = 0; round < 20; round++) {
      const app = express();
      app.get('/work', async (_req, res) => {
        await sleep(20);
        res.json({ done: true });
      });
      const server = await startServer(app, 0, '127.0.0.1');
      const port = portOf(server);
      // steady load on keep-alive connections, as a load balancer keeps them
      const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 4 });
      let stopping = false;
      const steady = Array.from({ length: 4 }, async () => {
        while (!stopping) {
          const sentBeforeStop = !stopping;
          try {
            const res = await get(port, '/work', keepAlive);
            if (res.status === 200) answered += 1;
            else failures.push(`keep-alive ${res.status}`);
          } catch (err) {
            if (sentBeforeStop) failures.push(`keep-alive ${(err as NodeJS.ErrnoException).code}`);
          }
        }
      });
      // a burst of requests, each fully written on a fresh connection just before the stop
      const written: Promise<void>[] = [];
      const burst = Array.from(
        { length: 20 },
        () =>
          new Promise<string>((resolve) => {
            let markWritten: () => void = () => undefined;
            written.push(new Promise<void>((r) => (markWritten = r)));
            const req = http.get({ host: '127.0.0.1', port, path: '/work', agent: false }, (res) => {
              res.resume();
              res.on('end', () => resolve(String(res.statusCode)));
            });
            req.on('finish', () => markWritten());
            req.on('error', (err: NodeJS.ErrnoException) => {
              markWritten();
              resolve(err.code ?? err.message);
            });
          }),
      );
      await Promise.all(written);
      const stopped = stopServer(server, 5_000);
      stopping = true;
      for (const outcome of await Promise.all(burst)) {
        if (outcome === '200') answered += 1;
        else failures.push(`burst ${outcome}`);
      }
      await Promise.all(steady);
      await stopped;
      keepAlive.destroy();
    }
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(20 * 20);
  }, 60_000);
});
