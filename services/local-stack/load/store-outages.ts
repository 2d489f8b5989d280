// A store drill: the real users and groups services (built processes) on their own embedded PostgreSQL and DynamoDB
// Local under steady load. Each store in turn is frozen for 10 s (SIGSTOP on every one of its processes) and thawed
// (SIGCONT); then PostgreSQL is stopped for 10 s and started again. While DynamoDB Local is frozen, students also join a
// group, each retrying until its join is answered: afterwards every one of them is a member exactly once.
// Run as `npm run drill:store-outages` for the figures; store-outages.test.ts runs it and checks them.
//   node --import tsx services/local-stack/load/store-outages.ts [postgres|dynamodb|postgres-restart|all] [--json]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTableInput, ensureTable, generateSigningKey, localDynamoDbClient, localRegion } from '@tutoring-platform/provision';
import { services } from '@tutoring-platform/shared/catalog';
import {
  freePort,
  percentile,
  provisionService,
  signUpStudents,
  startBuiltService,
  startDynamoDbLocal,
  startPostgres,
  stopProcess,
  type BenchService,
  type BenchUsers,
  type RunningDynamoDb,
  type RunningPostgres,
} from '@tutoring-platform/testing';

const FREEZE_MS = 10_000;
const TABLE = 'groups-outage-test';
/** The bounds the services run with here: a stalled store must be answered within them. */
const bounds = { databaseQueryMs: 1_500, dynamoRequestMs: 1_000 };

let dir: string;
let postgres: RunningPostgres;
let dynamo: RunningDynamoDb;
let users: BenchUsers;
let groups: BenchService;
let token: string;
let groupId: string;
/** Access tokens of the students who join while the groups table is frozen. */
let joiners: string[];
const JOINERS = 8;

let postgresOptions: Parameters<typeof startPostgres>[0];

async function setUp() {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tp-outage-'));
  // kept across a stop, so the restart drill finds its data again; the folder goes at the end
  postgresOptions = {
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    adminPassword: randomBytes(12).toString('hex'),
    persistent: true,
    unsafeFast: true,
  };
  [postgres, dynamo] = await Promise.all([startPostgres(postgresOptions), freePort().then((port) => startDynamoDbLocal({ port }))]);
  const tables = localDynamoDbClient(dynamo.endpoint);
  await ensureTable(tables, createTableInput(TABLE, services.groups.store.table)).finally(() => tables.destroy());
  const databaseUrl = await provisionService(postgres, { ...services.users.store, password: randomBytes(12).toString('hex') });
  users = {
    ...(await startBuiltService('users', {
      DATABASE_URL: databaseUrl,
      JWT_PRIVATE_KEY: generateSigningKey(),
      PASSWORD_MEMORY_KIB: '1024',
      PASSWORD_TIME_COST: '1',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '1000',
      DATABASE_QUERY_TIMEOUT_MS: String(bounds.databaseQueryMs),
    })),
    databaseUrl,
  };
  groups = await startBuiltService('groups', {
    GROUPS_TABLE: TABLE,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: localRegion,
    JWKS_URL: `${users.api}/.well-known/jwks.json`,
    DYNAMODB_REQUEST_TIMEOUT_MS: String(bounds.dynamoRequestMs),
  });
  [token] = (await signUpStudents(users, 1, 'outage')) as [string];
  joiners = await signUpStudents(users, JOINERS, 'joiner');
  const created = await fetch(groups.api, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Outage study', course: 'OUT101', subject: 'Resilience', capacity: 10 }),
  });
  groupId = ((await created.json()) as { id: string }).id;
}

async function tearDown() {
  await Promise.all([users && stopProcess(users.process), groups && stopProcess(groups.process)]);
  await Promise.all([postgres?.stop(), dynamo?.stop()]);
  rmSync(dir, { recursive: true, force: true });
}

interface Answer {
  sentAt: number;
  ms: number;
  status: number;
  code: string | null;
}

/** Four clients per URL, each sending its next request when the last is answered, until stopped. */
function steadyLoad(urls: Record<string, string>) {
  const answers: Record<string, Answer[]> = Object.fromEntries(Object.keys(urls).map((name) => [name, []]));
  let running = true;
  const clients = Object.entries(urls).flatMap(([name, url]) =>
    Array.from({ length: 4 }, async () => {
      while (running) {
        const sentAt = performance.now();
        const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } }).then(
          async (res) => ({ status: res.status, body: (await res.json().catch(() => null)) as { error?: { code: string } } | null }),
          () => ({ status: 0, body: null }),
        );
        answers[name]!.push({ sentAt, ms: performance.now() - sentAt, status: answer.status, code: answer.body?.error?.code ?? null });
        if (answer.status !== 200) await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

/**
 * Every joiner asks to join the group and, on any answer but 200, asks again 250 ms later, as a client that honours
 * Retry-After does, for at most 30 s. Joining again is safe, so a join applied though its answer was lost must not
 * count twice.
 */
async function joinsUntilAnswered(): Promise<{ tries: number; unanswered: number }> {
  let tries = 0;
  const deadline = performance.now() + 30_000;
  const answered = await Promise.all(
    joiners.map(async (joiner) => {
      while (performance.now() < deadline) {
        tries += 1;
        const res = await fetch(`${groups.api}/${groupId}/join`, {
          method: 'POST',
          headers: { authorization: `Bearer ${joiner}`, 'content-type': 'application/json' },
          body: '{}',
        }).catch(() => undefined);
        await res?.arrayBuffer();
        if (res?.status === 200) return true;
        await new Promise((r) => setTimeout(r, 250));
      }
      return false;
    }),
  );
  return { tries, unanswered: answered.filter((ok) => !ok).length };
}

/** Takes `store` away for 10 s under load on both services; the answers by phase, and the joins sent meanwhile. */
async function outage(store: { pause(): void | Promise<void>; resume(): void | Promise<void> }, joinDuringOutage: boolean) {
  const load = steadyLoad({ users: `${users.api}/me`, groups: `${groups.api}/${groupId}` });
  await new Promise((r) => setTimeout(r, 2_000));
  // from the moment the store is gone: a shutdown still answers what it had begun
  await store.pause();
  const frozenAt = performance.now();
  const joins = joinDuringOutage ? joinsUntilAnswered() : undefined;
  let thawedAt = frozenAt;
  try {
    await new Promise((r) => setTimeout(r, FREEZE_MS));
  } finally {
    await store.resume();
    thawedAt = performance.now();
  }
  await new Promise((r) => setTimeout(r, 5_000));
  await load.stop();
  const joined = await joins;
  const during = (name: string) => load.answers[name]!.filter((a) => a.sentAt >= frozenAt && a.sentAt + a.ms <= thawedAt);
  const firstOkAfterThaw = (name: string) => {
    const ok = load.answers[name]!.find((a) => a.status === 200 && a.sentAt + a.ms >= thawedAt);
    return ok ? ok.sentAt + ok.ms - thawedAt : Number.POSITIVE_INFINITY;
  };
  return { answers: load.answers, during, firstOkAfterThaw, joined };
}

/** The group as its members list and its own count tell it, for the joiners. */
async function membership(): Promise<NonNullable<DrillResult['joins']>['group']> {
  const headers = { authorization: `Bearer ${token}` };
  const [group, list] = await Promise.all([
    fetch(`${groups.api}/${groupId}`, { headers }).then((r) => r.json() as Promise<{ memberCount: number }>),
    fetch(`${groups.api}/${groupId}/members`, { headers }).then((r) => r.json() as Promise<{ members: { userId: string }[] }>),
  ]);
  const ids = list.members.map((m) => m.userId);
  return { members: ids.length, distinctMembers: new Set(ids).size, memberCount: group.memberCount };
}

/** What one freeze came to, for the service that needs the frozen store and for the one that does not. */
export interface DrillResult {
  store: Drill;
  /** The bound the affected service runs with, ms (a DynamoDB request may be tried twice). */
  boundMs: number;
  affected: { service: string; statuses: Record<string, number>; codes: Record<string, number>; p50: number; p99: number };
  bystander: { service: string; statuses: Record<string, number> };
  /** 500s or dropped connections anywhere, in any phase. */
  failures: number;
  /** From the thaw to the affected service's first 200, ms. */
  recoveryMs: number;
  /** The joins sent while the groups table was frozen (DynamoDB drill only). */
  joins?: {
    students: number;
    tries: number;
    /** Joins still not answered 200 after 30 s of retries. */
    unanswered: number;
    /** Members listed and distinct members listed (the owner among them), and the group's count of places taken. */
    group: { members: number; distinctMembers: number; memberCount: number };
  };
}

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

type Drill = 'postgres' | 'dynamodb' | 'postgres-restart';
const drills: readonly Drill[] = ['postgres', 'dynamodb', 'postgres-restart'];

/** PostgreSQL shut down (its connections closed) and, at `resume`, started again on the same data and port. */
const restartedPostgres = {
  pause: () => postgres.stop(),
  resume: async () => {
    postgres = await startPostgres(postgresOptions);
  },
};

async function drill(store: Drill): Promise<DrillResult> {
  const run = await outage(store === 'dynamodb' ? dynamo : store === 'postgres' ? postgres : restartedPostgres, store === 'dynamodb');
  const [affected, bystander] = store === 'dynamodb' ? ['groups', 'users'] : ['users', 'groups'];
  const frozen = run.during(affected);
  const sorted = frozen.map((a) => a.ms).sort((a, b) => a - b);
  return {
    store,
    boundMs: store === 'dynamodb' ? bounds.dynamoRequestMs : bounds.databaseQueryMs,
    affected: {
      service: affected,
      statuses: countBy(frozen, (a) => String(a.status)),
      codes: countBy(frozen, (a) => a.code ?? 'none'),
      p50: Math.round(percentile(sorted, 50)),
      p99: Math.round(percentile(sorted, 99)),
    },
    bystander: { service: bystander, statuses: countBy(run.during(bystander), (a) => String(a.status)) },
    failures: [...run.answers.users!, ...run.answers.groups!].filter((a) => a.status === 500 || a.status === 0).length,
    recoveryMs: Math.round(run.firstOkAfterThaw(affected)),
    ...(run.joined ? { joins: { students: JOINERS, ...run.joined, group: await membership() } } : {}),
  };
}

async function main() {
  const which = process.argv[2] ?? 'all';
  const stores = which === 'all' ? drills : drills.filter((d) => d === which);
  await setUp();
  try {
    for (const store of stores) {
      const result = await drill(store);
      if (process.argv.includes('--json')) {
        console.log(JSON.stringify(result));
        continue;
      }
      const what = store === 'postgres-restart' ? 'postgres stopped and started again after' : `${store} frozen for`;
      console.log(`\n${what} ${FREEZE_MS / 1000} s under steady load (Node ${process.version})`);
      console.log(
        `  ${result.affected.service} during the freeze: ${JSON.stringify(result.affected.statuses)} ${JSON.stringify(result.affected.codes)}`,
      );
      console.log(
        `  ${result.affected.service} latency p50 / p99: ${result.affected.p50} / ${result.affected.p99} ms (bound ${result.boundMs} ms)`,
      );
      console.log(`  ${result.bystander.service} during the freeze: ${JSON.stringify(result.bystander.statuses)}`);
      console.log(`  500s or dropped connections, all phases: ${result.failures}`);
      console.log(`  thaw to the first 200: ${result.recoveryMs} ms`);
      if (result.joins) {
        const { students, tries, unanswered, group } = result.joins;
        console.log(
          `  ${students} joins sent during the freeze: ${tries} tries, ${unanswered} unanswered; the group lists ${group.members} members (${group.distinctMembers} distinct) and counts ${group.memberCount}`,
        );
      }
    }
  } finally {
    await tearDown();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
