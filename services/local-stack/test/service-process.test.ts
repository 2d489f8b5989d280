import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServiceProcess } from '../src/service-process';

/** A "service" that crashes on its first two starts and then stays up, counting its starts in a file. */
function crashingTwice(): { entry: string; starts: () => number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-crash-'));
  const counter = path.join(dir, 'starts');
  writeFileSync(counter, '0');
  const entry = path.join(dir, 'service.js');
  writeFileSync(
    entry,
    `const fs = require('node:fs');
const starts = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
fs.writeFileSync(${JSON.stringify(counter)}, String(starts));
console.log('started ' + starts);
if (starts <= 2) process.exit(3);
setInterval(() => undefined, 1000);
process.on('SIGTERM', () => process.exit(0));`,
  );
  return { entry, starts: () => Number(readFileSync(counter, 'utf8')) };
}

describe('a service process of the local stack', () => {
  it('when it crashes, then it is restarted with a doubling wait and each restart is logged; stop ends it for good', async () => {
    const { entry, starts } = crashingTwice();
    const lines: string[] = [];
    const service = startServiceProcess('fixture', entry, { PATH: process.env.PATH }, (line) => lines.push(line), {
      initialMs: 100,
      maxMs: 1_000,
      stableMs: 60_000,
    });
    while (starts() < 3 || !lines.includes('[fixture] started 3')) await new Promise((r) => setTimeout(r, 50));
    expect(service.restarts).toBe(2);
    expect(lines.filter((l) => l.includes('restarting'))).toEqual([
      '[fixture] exited (code 3); restarting in 0.1 s',
      '[fixture] exited (code 3); restarting in 0.2 s',
    ]);
    expect(service.child.exitCode).toBeNull();
    expect(await service.stop()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(starts()).toBe(3);
  });
});
