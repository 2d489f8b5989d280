// The store drill (load/store-outages.ts) run as its own process, since the embedded stores load as ES modules:
// each store frozen for 10 s under steady load. Requests that need it answer 503 within the bound, nothing
// answers 500, the other service carries on, and the first 200 comes within 5 s of the thaw.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { DrillResult } from '../load/store-outages';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Both drills in one process: PostgreSQL frozen, then DynamoDB Local. */
function runDrills(): Map<string, DrillResult> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'services/local-stack/load/store-outages.ts', 'both', '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 150_000,
  });
  const results = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as DrillResult);
  if (results.length !== 2) throw new Error(`the drill printed ${results.length} results (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  return new Map(results.map((r) => [r.store, r]));
}

let results: Map<string, DrillResult>;
beforeAll(() => {
  results = runDrills();
}, 160_000);

describe('a store that stalls for 10 s under steady load', () => {
  it.each([
    ['postgres', 1, 1_000],
    // a DynamoDB request is tried twice
    ['dynamodb', 2, 1_000],
  ] as const)(
    'when %s freezes, then requests that need it answer 503 within the bound, nothing 500s, the other service carries on, and it recovers within 5 s',
    (store, tries, slackMs) => {
      const result = results.get(store)!;
      expect(result.failures).toBe(0);
      expect(Object.keys(result.affected.statuses)).toEqual(['503']);
      expect(Object.keys(result.affected.codes)).toEqual(['dependency-unavailable']);
      expect(result.affected.statuses['503']).toBeGreaterThan(20);
      expect(result.affected.p99).toBeLessThan(tries * result.boundMs + slackMs);
      expect(Object.keys(result.bystander.statuses)).toEqual(['200']);
      expect(result.recoveryMs).toBeLessThan(5_000);
    },
    110_000,
  );
});
