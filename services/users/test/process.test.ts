import { spawn } from 'node:child_process';
import path from 'node:path';
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
});
