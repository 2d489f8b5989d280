// 300 people join one public group of 20 places at the same moment, against the real users and groups processes
// on DynamoDB Local. Not a test: prints figures, and checks the outcome is exact (20 members, waitlist 1..280).
//   baseline: 300 concurrent GET /api/groups/:id of the same group in the same run
import { services } from '@tutoring-platform/shared/catalog';
import { createTableInput, ensureTable, localDynamoDbClient, localRegion } from '@tutoring-platform/provision';
import {
  freePort,
  percentile,
  signUpStudents,
  startBenchUsers,
  startBuiltService,
  startDynamoDbLocal,
  startThrowawayPostgres,
  stopProcess,
} from '@tutoring-platform/testing';

const TABLE = 'groups-join-burst';
const JOINERS = 300;
const CAPACITY = 20;

async function timed(requests: Array<() => Promise<Response>>) {
  const started = performance.now();
  const answers = await Promise.all(
    requests.map(async (send) => {
      const t = performance.now();
      const res = await send();
      const body = (await res.json()) as { status?: string; position?: number };
      return { status: res.status, body, ms: performance.now() - t };
    }),
  );
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  return { answers, wallMs: performance.now() - started, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const tables = localDynamoDbClient(dynamo.endpoint);
  await ensureTable(tables, createTableInput(TABLE, services.groups.store.table)).finally(() => tables.destroy());

  const users = await startBenchUsers(serviceUrls);
  const groups = await startBuiltService('groups', {
    GROUPS_TABLE: TABLE,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: localRegion,
    JWKS_URL: `${users.api}/.well-known/jwks.json`,
  });
  const api = groups.api;
  const tokens = await signUpStudents(users, JOINERS + 1, 'joiner');
  const [ownerToken, ...joiners] = tokens as [string, ...string[]];
  const authed = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const group = (await (
    await fetch(api, {
      method: 'POST',
      headers: authed(ownerToken),
      body: JSON.stringify({ name: 'Exam cram', course: 'BURST', subject: 'Load', capacity: CAPACITY }),
    })
  ).json()) as { id: string };

  const baseline = await timed(joiners.map(() => () => fetch(`${api}/${group.id}`)));
  const joins = await timed(joiners.map((token) => () => fetch(`${api}/${group.id}/join`, { method: 'POST', headers: authed(token) })));

  const members = (await (await fetch(`${api}/${group.id}/members`, { headers: authed(ownerToken) })).json()) as {
    members: unknown[];
    waitlist: Array<{ position: number }>;
  };
  await Promise.all([stopProcess(groups.process), stopProcess(users.process)]);
  await Promise.all([dynamo.stop(), postgres.stop()]);

  const joined = joins.answers.filter((a) => a.status === 200 && a.body.status === 'member').length;
  const positions = joins.answers.filter((a) => a.body.status === 'waitlisted').map((a) => a.body.position!);
  // the owner's seat is not one of the places
  const exact =
    joined === CAPACITY &&
    members.members.length === CAPACITY + 1 &&
    members.waitlist.length === JOINERS - CAPACITY &&
    [...positions].sort((a, b) => a - b).every((p, i) => p === i + 1) &&
    positions.length === JOINERS - CAPACITY;
  const statuses = new Map<number, number>();
  for (const a of joins.answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  const ms = (v: number) => v.toFixed(0);
  console.log(`\n${JOINERS} concurrent joins of one group of ${CAPACITY} places (Node ${process.version})`);
  const rows: Array<[string, string]> = [
    ['baseline: 300 concurrent GET /groups/:id, p50 / p99 / wall ms', `${ms(baseline.p50)} / ${ms(baseline.p99)} / ${ms(baseline.wallMs)}`],
    ['joins: p50 / p99 / wall ms (goal p99 < 5000)', `${ms(joins.p50)} / ${ms(joins.p99)} / ${ms(joins.wallMs)}`],
    ['joins: statuses', [...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')],
    [
      'exact: 20 joined, waitlist 1..280 each once',
      `${exact ? 'yes' : 'NO'} (${members.members.length} members, ${members.waitlist.length} waiting)`,
    ],
  ];
  for (const [name, value] of rows) console.log(`  ${name.padEnd(60)} ${value}`);
  if (!exact) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
