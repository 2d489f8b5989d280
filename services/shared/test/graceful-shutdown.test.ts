import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';

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
    await new Promise((r) => setTimeout(r, 200));
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));

    const readiness = await get(port, '/api/slow/readyz', false);
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
});
