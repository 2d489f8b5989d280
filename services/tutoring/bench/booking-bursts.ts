// Booking bursts against the real users and tutoring processes. Not a test: prints figures.
//   one tutor:  20 rounds of 200 concurrent POST /bookings for the same two slots of one tutor
//   spread:     1,000 concurrent POST /bookings over 50 tutors (20 each, same two slots per tutor)
//   baseline:   200 concurrent GET /tutors/:id in the same run (reads only, same process, same pool)
// Every answer must be 201, 409, 422 or 503; p99 of each burst is printed against the baseline's.
import { randomUUID } from 'node:crypto';
import { createPool } from '@tutoring-platform/postgres';
import { createLogger } from '@tutoring-platform/shared';
import {
  percentile,
  signUpStudents,
  startBenchUsers,
  startBuiltService,
  startThrowawayPostgres,
  stopProcess,
} from '@tutoring-platform/testing';

const HOUR = 3_600_000;
const allowed = new Set([201, 409, 422, 503]);

interface Burst {
  statuses: Map<number, number>;
  latencies: number[];
}

async function burst(requests: Array<() => Promise<Response>>): Promise<Burst> {
  const statuses = new Map<number, number>();
  const latencies = await Promise.all(
    requests.map(async (send) => {
      const started = performance.now();
      const status = await send().then(
        async (res) => {
          await res.arrayBuffer();
          return res.status;
        },
        () => 0,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      return performance.now() - started;
    }),
  );
  return { statuses, latencies: latencies.sort((a, b) => a - b) };
}

const summary = (bursts: Burst[]) => {
  const all = bursts.flatMap((b) => b.latencies).sort((a, b) => a - b);
  const statuses = new Map<number, number>();
  for (const b of bursts) for (const [s, n] of b.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n);
  const worstP99 = Math.max(...bursts.map((b) => percentile(b.latencies, 99)));
  const unexpected = [...statuses].filter(([s]) => !allowed.has(s)).reduce((n, [, c]) => n + c, 0);
  return {
    statuses: [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', '),
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    worstP99,
    unexpected,
  };
};

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  const logger = createLogger('bench', 'silent');
  const usersDb = createPool({ connectionString: serviceUrls.users, max: 2 }, logger);
  const tutoringDb = createPool({ connectionString: serviceUrls.tutoring, max: 2 }, logger);

  const course = (
    await tutoringDb.query<{ id: string }>(`INSERT INTO courses (code, title, subject) VALUES ('BURST', 'Bursts', 'Load') RETURNING id`)
  ).rows[0]!.id;
  const tutors = Array.from({ length: 51 }, () => randomUUID());
  await usersDb.query(
    `INSERT INTO users (id, email, password_hash, display_name, timezone)
     SELECT id, 'tutor-' || n || '@bench.test', 'x', 'Tutor ' || n, 'UTC' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [tutors],
  );
  await tutoringDb.query(
    `INSERT INTO tutors (user_id, display_name, headline, bio, languages, session_lengths, timezone, weekly_rules, min_notice_minutes, max_horizon_days)
     SELECT id, 'Tutor', 'Bursts', '', ARRAY['en'], ARRAY[60], 'UTC', $2::jsonb, 0, 90 FROM unnest($1::uuid[]) AS t(id)`,
    [tutors, JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: 0, end: 1440 })))],
  );
  await tutoringDb.query(`INSERT INTO tutor_courses (tutor_id, course_id, status) SELECT t, $2, 'approved' FROM unnest($1::uuid[]) t`, [
    tutors,
    course,
  ]);

  const users = await startBenchUsers(serviceUrls);
  const tutoring = await startBuiltService('tutoring', {
    DATABASE_URL: serviceUrls.tutoring,
    JWKS_URL: `${users.api}/.well-known/jwks.json`,
    USERS_API_URL: users.api,
  });
  const api = tutoring.api;
  const students = await signUpStudents(users, 200, 'burst');
  const book = (student: string, tutor: string, start: Date) => () =>
    fetch(`${api}/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${student}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ tutorId: tutor, courseId: course, start: start.toISOString(), length: 60 }),
    });
  const firstHour = Math.ceil((Date.now() + 2 * HOUR) / HOUR) * HOUR;

  const baseline = await burst(Array.from({ length: 200 }, () => () => fetch(`${api}/tutors/${tutors[0]}`)));
  const oneTutor: Burst[] = [];
  for (let round = 0; round < 20; round++) {
    const slots = [new Date(firstHour + round * 2 * HOUR), new Date(firstHour + (round * 2 + 1) * HOUR)];
    oneTutor.push(await burst(students.map((s, i) => book(s, tutors[0]!, slots[i % 2]!))));
  }
  const spread = await burst(
    Array.from({ length: 1000 }, (_, i) =>
      book(students[i % 200]!, tutors[1 + (i % 50)]!, new Date(firstHour + 50 * HOUR + (i % 2) * HOUR)),
    ),
  );

  await Promise.all([stopProcess(tutoring.process), stopProcess(users.process)]);
  await Promise.all([usersDb.end(), tutoringDb.end()]);
  await postgres.stop();

  const ms = (v: number) => v.toFixed(0);
  const one = summary(oneTutor);
  const wide = summary([spread]);
  const base = summary([baseline]);
  console.log(`\nbooking bursts (Node ${process.version})`);
  const rows: Array<[string, string]> = [
    ['baseline: 200 concurrent GET /tutors/:id, p50 / p99 ms', `${ms(base.p50)} / ${ms(base.p99)}`],
    ['one tutor, 20 rounds x 200 concurrent: statuses', one.statuses],
    ['  p50 / p99 over all rounds / worst round p99 ms (goal p99 < 3000)', `${ms(one.p50)} / ${ms(one.p99)} / ${ms(one.worstP99)}`],
    ['1,000 concurrent over 50 tutors: statuses', wide.statuses],
    ['  p50 / p99 ms (goal p99 < 3000)', `${ms(wide.p50)} / ${ms(wide.p99)}`],
    ['answers other than 201/409/422/503', String(one.unexpected + wide.unexpected)],
  ];
  for (const [name, value] of rows) console.log(`  ${name.padEnd(72)} ${value}`);
  if (one.unexpected + wide.unexpected > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
