// The store drill (load/store-outages.ts) run as its own process, since the embedded stores load as ES modules:
// each store frozen for 10 s under steady load, then PostgreSQL stopped for 10 s and started again. Requests that
// need the store answer 503 within the bound, nothing answers 500, the other service carries on, and the first 200
// comes within 5 s of the store's return. Joins sent during the DynamoDB freeze are applied once each.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { DrillResult } from '../load/store-outages';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Every drill in one process: PostgreSQL frozen, DynamoDB Local frozen, PostgreSQL restarted. */
function runDrills(): Map<string, DrillResult> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'services/local-stack/load/store-outages.ts', 'all', '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 200_000,
  });
  const results = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as DrillResult);
  if (results.length !== 3) throw new Error(`the drill printed ${results.length} results (exit ${run.status}): ${run.stderr.slice(-2000)}`);
  return new Map(results.map((r) => [r.store, r]));
}

let results: Map<string, DrillResult>;
beforeAll(() => {
  results = runDrills();
}, 210_000);

describe('a store that stalls for 10 s under steady load', () => {
  it.each([
    ['PostgreSQL freezes', 'postgres', 1, ['503']],
    // a DynamoDB request is tried twice
    ['DynamoDB Local freezes', 'dynamodb', 2, ['503']],
    // a shutting-down PostgreSQL still finishes a few queries it had begun
    ['PostgreSQL is stopped and started again', 'postgres-restart', 1, ['200', '503']],
  ] as const)(
    'when %s, then requests that need it answer 503 within the bound, nothing 500s, the other service carries on, and it recovers within 5 s',
    (_what, store, tries, allowed) => {
      const result = results.get(store)!;
      expect(result.failures).toBe(0);
      expect(Object.keys(result.affected.statuses).filter((status) => !(allowed as readonly string[]).includes(status))).toEqual([]);
      expect(Object.keys(result.affected.codes).filter((code) => code !== 'none')).toEqual(['dependency-unavailable']);
      expect(result.affected.statuses['503']).toBeGreaterThan(20);
      expect(result.affected.p99).toBeLessThan(tries * result.boundMs + 1_000);
      expect(Object.keys(result.bystander.statuses)).toEqual(['200']);
      expect(result.recoveryMs).toBeLessThan(5_000);
    },
    110_000,
  );

  it('when students join a group while DynamoDB Local is frozen and retry until answered, then each is a member exactly once and the count agrees', () => {
    const joins = results.get('dynamodb')!.joins!;
    expect(joins.unanswered).toBe(0);
    // the owner and the eight students are listed; the count is of places taken, and the owner's seat is not one
    expect(joins.group).toEqual({ members: joins.students + 1, distinctMembers: joins.students + 1, memberCount: joins.students });
    // they were sent during the freeze, so the first answers were 503s and they had to try again
    expect(joins.tries).toBeGreaterThan(joins.students);
  });
});
