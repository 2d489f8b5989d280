// Prints the groups service's figures beside baselines measured in the same run. Not a test: numbers only.
//   joins: POST /:groupId/join throughput and p99 under autocannon vs bare node:http doing one DynamoDB PutItem
//   browse: GET /api/groups?course= p50/p95 over 10,000 groups vs a bare Query of the same index
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createLogger } from '@tutoring-platform/shared';
import { services } from '@tutoring-platform/shared/catalog';
import { createTableInput, ensureTable, localDynamoDbClient, localRegion } from '@tutoring-platform/provision';
import {
  freePort,
  percentile,
  sequentialLatencies,
  signUpStudents,
  spawnNode,
  startBenchUsers,
  startBuiltService,
  startDynamoDbLocal,
  startThrowawayPostgres,
  stopProcess,
  waitForOk,
} from '@tutoring-platform/testing';
import { createDynamoClient } from '../src/dependencies';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const TABLE = 'groups-bench';

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const tables = localDynamoDbClient(dynamo.endpoint);
  await ensureTable(tables, createTableInput(TABLE, services.groups.store.table)).finally(() => tables.destroy());
  const db = createDynamoClient({ region: localRegion, endpoint: dynamo.endpoint, logger: createLogger('groups-bench', 'warn') });

  // 10,000 groups over 50 courses, written directly (set-up, not what is measured)
  const courses = Array.from({ length: 50 }, (_, i) => `C${i}`);
  const start = Date.now() - 30 * 86_400_000;
  const items = Array.from({ length: 10_000 }, (_, i) => {
    const id = randomUUID();
    const course = courses[i % 50]!;
    const at = new Date(start + i * 60_000).toISOString();
    return {
      pk: `GROUP#${id}`,
      sk: 'META',
      gsi1pk: `COURSE#${course.toLowerCase()}`,
      gsi1sk: `${at}#${id}`,
      gsi2pk: 'PUBLIC',
      gsi2sk: `${at}#${id}`,
      searchText: `group ${i} ${course}`.toLowerCase(),
      subjectKey: 'bench',
      id,
      name: `Group ${i}`,
      course,
      subject: 'Bench',
      description: '',
      tags: [],
      visibility: 'public',
      capacity: 500,
      ownerId: randomUUID(),
      memberCount: 0,
      status: 'active',
      waitSeq: 0,
      createdAt: at,
      lastActivityAt: at,
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }

  const users = await startBenchUsers(serviceUrls);
  const groups = await startBuiltService('groups', {
    GROUPS_TABLE: TABLE,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: localRegion,
    JWKS_URL: `${users.api}/.well-known/jwks.json`,
  });
  const api = groups.api;

  // --- browse
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const browse = await sequentialLatencies(() => `${api}?course=${pick(courses)}`, 300);
  const bareBrowseTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await db.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `COURSE#${pick(courses).toLowerCase()}` },
        ScanIndexForward: false,
        Limit: 20,
      }),
    );
    bareBrowseTimes.push(performance.now() - t);
  }
  bareBrowseTimes.sort((a, b) => a - b);

  // --- joins: request i is user i % 200 joining group floor(i / 200) of the first course pages, never twice
  const tokens = await signUpStudents(users, 200, 'joiner');
  const groupIds = items.map((g) => g.id);
  let n = 0;
  const joins = await autocannon({
    url: `${api}/x/join`,
    connections: 20,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = n++;
          return {
            ...req,
            path: `/api/groups/${groupIds[Math.floor(i / 200)]}/join`,
            headers: { authorization: `Bearer ${tokens[i % 200]}` },
          };
        },
      },
    ],
  });

  // Baseline: bare node:http + one DynamoDB PutItem per request, same table.
  const baselinePort = await freePort();
  const baseline = spawnNode(['--import', 'tsx', path.join(__dirname, 'baseline-put-server.ts')], {
    PORT: String(baselinePort),
    TABLE,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
  });
  await waitForOk(`http://127.0.0.1:${baselinePort}/ready`);
  const bare = await autocannon({ url: `http://127.0.0.1:${baselinePort}/put`, method: 'POST', connections: 20, duration: seconds });

  await Promise.all([stopProcess(baseline), stopProcess(groups.process), stopProcess(users.process)]);
  db.destroy();
  await dynamo.stop();
  await postgres.stop();

  const ms = (v: number) => v.toFixed(1);
  const rows: Array<[string, string | number]> = [
    ['browse 10,000 groups by course (page of 20): p50 / p95 ms', `${ms(browse.p50)} / ${ms(browse.p95)}`],
    [
      '  baseline: the same index Query straight to DynamoDB Local: p50 / p95 ms',
      `${ms(percentile(bareBrowseTimes, 50))} / ${ms(percentile(bareBrowseTimes, 95))}`,
    ],
    ['joins (20 connections): req/s', Math.round(joins.requests.average)],
    ['  p50 / p99 ms, non-2xx / errors', `${joins.latency.p50} / ${joins.latency.p99}, ${joins.non2xx} / ${joins.errors}`],
    ['baseline: bare node:http + one PutItem (20 connections): req/s', Math.round(bare.requests.average)],
    ['  p50 / p99 ms', `${bare.latency.p50} / ${bare.latency.p99}`],
    ['ratio joins to bare PutItem', (joins.requests.average / bare.requests.average).toFixed(2)],
  ];
  console.log(`\ngroups service benchmark on DynamoDB Local (${seconds} s per load, Node ${process.version})`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(78)} ${value}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
