// Prints the tutoring service's figures beside baselines measured in the same run. Not a test: numbers only.
//   slots: one tutor, 31 days, 50 weekly rules, 20 overrides, 300 bookings (p50/p99, 1 client) vs a profile read
//   search: 10,000 tutors, with an open-slot window (p95) vs the same search without a window
//   bookings: POST /bookings throughput under autocannon vs bare node:http + pg doing the plain INSERT
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import { createPool } from '@tutoring-platform/postgres';
import { createLogger } from '@tutoring-platform/shared';
import {
  freePort,
  sequentialLatencies,
  signUpStudents,
  spawnNode,
  startBenchUsers,
  startBuiltService,
  startThrowawayPostgres,
  stopProcess,
  waitForOk,
} from '@tutoring-platform/testing';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const words = [
  'calculus',
  'recursion',
  'algorithms',
  'essays',
  'statistics',
  'physics',
  'chemistry',
  'databases',
  'genetics',
  'economics',
  'proofs',
  'python',
  'java',
  'writing',
];
const zones = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
];

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  const logger = createLogger('bench', 'silent');
  const usersDb = createPool({ connectionString: serviceUrls.users, max: 2 }, logger);
  const tutoringDb = createPool({ connectionString: serviceUrls.tutoring, max: 2 }, logger);

  // --- seed: 50 courses, 10,000 tutors (and their user rows), each with 1-3 approved courses and random weekly hours
  const courses: string[] = [];
  for (let i = 0; i < 50; i++) {
    const { rows } = await tutoringDb.query<{ id: string }>(`INSERT INTO courses (code, title, subject) VALUES ($1, $2, $3) RETURNING id`, [
      `B${i}`,
      `Bench course ${i}`,
      `Subject ${i % 10}`,
    ]);
    courses.push(rows[0]!.id);
  }
  const tutorIds = Array.from({ length: 10_000 }, () => randomUUID());
  await usersDb.query(
    `INSERT INTO users (id, email, password_hash, display_name, timezone)
     SELECT id, 'tutor-' || n || '@bench.test', 'x', 'Tutor ' || n, 'UTC' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [tutorIds],
  );
  const weekly = () =>
    [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
      Math.random() < 0.4
        ? []
        : [{ weekday, start: 60 * (8 + Math.floor(Math.random() * 4)), end: 60 * (13 + Math.floor(Math.random() * 8)) }],
    );
  for (let i = 0; i < tutorIds.length; i += 1000) {
    const batch = tutorIds.slice(i, i + 1000);
    await tutoringDb.query(
      `INSERT INTO tutors (user_id, display_name, headline, bio, languages, session_lengths, timezone, weekly_rules, min_notice_minutes, rating_count, rating_sum)
       SELECT id, 'Tutor ' || n, h, b, ARRAY['en'], ARRAY[30, 60], z, w::jsonb, 60, rc, rs
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[]) WITH ORDINALITY AS t(id, h, b, z, w, rc, rs, n)`,
      [
        batch,
        batch.map(() => `Peer tutor for ${pick(words)} and ${pick(words)}`),
        batch.map(() => `I like ${pick(words)}, ${pick(words)} and ${pick(words)}.`),
        batch.map(() => pick(zones)),
        batch.map(() => JSON.stringify(weekly())),
        batch.map((_, k) => k % 5),
        batch.map((_, k) => (k % 5) * (3 + (k % 3))),
      ],
    );
    await tutoringDb.query(
      `INSERT INTO tutor_courses (tutor_id, course_id, status)
       SELECT t.id, c.id, 'approved' FROM unnest($1::uuid[]) AS t(id)
       CROSS JOIN LATERAL (SELECT id FROM unnest($2::uuid[]) AS c(id) ORDER BY random() LIMIT 1 + floor(random() * 3)::int) c
       ON CONFLICT DO NOTHING`,
      [batch, courses],
    );
  }

  // --- the slots tutor: 50 weekly rules, 20 overrides, 300 bookings in the next 31 days
  const slotTutor = tutorIds[0]!;
  const rules = Array.from({ length: 50 }, (_, i) => {
    const weekday = (i % 7) + 1;
    const slot = Math.floor(i / 7); // 0..7: eight two-hour ranges from 06:00
    return { weekday, start: 360 + slot * 120, end: 360 + slot * 120 + 120 };
  });
  const firstDay = new Date(Date.now() + DAY);
  firstDay.setUTCHours(0, 0, 0, 0);
  const overrides = Array.from({ length: 20 }, (_, i) => ({
    date: new Date(firstDay.getTime() + (i * 3 + 40) * DAY).toISOString().slice(0, 10),
    ranges: i % 2 ? [] : [{ start: 600, end: 900 }],
  }));
  await tutoringDb.query(
    `UPDATE tutors SET timezone = 'UTC', weekly_rules = $2, date_overrides = $3, min_notice_minutes = 0, max_horizon_days = 90 WHERE user_id = $1`,
    [slotTutor, JSON.stringify(rules), JSON.stringify(overrides)],
  );
  await tutoringDb.query(
    `INSERT INTO tutor_courses (tutor_id, course_id, status) VALUES ($1, $2, 'approved') ON CONFLICT (tutor_id, course_id) DO UPDATE SET status = 'approved'`,
    [slotTutor, courses[0]],
  );
  const hours = Array.from({ length: 31 * 16 }, (_, i) => firstDay.getTime() + Math.floor(i / 16) * DAY + (6 + (i % 16)) * HOUR);
  const booked = hours.sort(() => Math.random() - 0.5).slice(0, 300);
  await tutoringDb.query(
    `INSERT INTO bookings (tutor_id, student_id, course_id, status, starts_at, ends_at, blocked, mode)
     SELECT $1, gen_random_uuid(), $2, 'confirmed', s, s + interval '1 hour', tstzrange(s, s + interval '1 hour'), 'online'
     FROM unnest($3::timestamptz[]) AS s`,
    [slotTutor, courses[0], booked.map((t) => new Date(t))],
  );

  // --- the booking targets: 100 tutors available around the clock, and 100 students
  const bookingTutors = tutorIds.slice(1, 101);
  await tutoringDb.query(
    `UPDATE tutors SET timezone = 'UTC', weekly_rules = $2, min_notice_minutes = 0, max_horizon_days = 90 WHERE user_id = ANY($1::uuid[])`,
    [bookingTutors, JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: 0, end: 1440 })))],
  );
  await tutoringDb.query(
    `INSERT INTO tutor_courses (tutor_id, course_id, status) SELECT t, $2, 'approved' FROM unnest($1::uuid[]) t ON CONFLICT (tutor_id, course_id) DO UPDATE SET status = 'approved'`,
    [bookingTutors, courses[0]],
  );
  await tutoringDb.query('ANALYZE');

  // --- start the real services
  const users = await startBenchUsers(serviceUrls);
  const tutoring = await startBuiltService('tutoring', {
    DATABASE_URL: serviceUrls.tutoring,
    JWKS_URL: `${users.api}/.well-known/jwks.json`,
    USERS_API_URL: users.api,
  });
  const api = tutoring.api;

  // --- slots
  const slotsQuery = new URLSearchParams({
    courseId: courses[0]!,
    length: '60',
    from: firstDay.toISOString(),
    to: new Date(firstDay.getTime() + 31 * DAY).toISOString(),
  });
  const slotCount = ((await (await fetch(`${api}/tutors/${slotTutor}/slots?${slotsQuery}`)).json()) as { slots: unknown[] }).slots.length;
  const slots = await sequentialLatencies(() => `${api}/tutors/${slotTutor}/slots?${slotsQuery}`, 300);
  const profile = await sequentialLatencies(() => `${api}/tutors/${slotTutor}`, 300);

  // --- search over 10,000 tutors: a random course and a random week in the next month
  const windowFor = () => {
    const from = new Date(firstDay.getTime() + Math.floor(Math.random() * 21) * DAY);
    return { from: from.toISOString(), to: new Date(from.getTime() + 7 * DAY).toISOString() };
  };
  const withWindow = await sequentialLatencies(
    () => `${api}/tutors?${new URLSearchParams({ course: pick(courses), ...windowFor() })}`,
    300,
  );
  const withText = await sequentialLatencies(
    () => `${api}/tutors?${new URLSearchParams({ q: `${pick(words).slice(0, 6)}x`, ...windowFor() })}`,
    200,
  );
  const noWindow = await sequentialLatencies(() => `${api}/tutors?${new URLSearchParams({ course: pick(courses) })}`, 300);

  // --- booking throughput: request i books tutor i % 100 at hour floor(i / 100); student i % 100 never overlaps itself
  const students = await signUpStudents(users, 100, 'student');
  const firstHour = Math.ceil((Date.now() + HOUR) / HOUR) * HOUR;
  let counter = 0;
  const nextBooking = () => {
    const i = counter++;
    return {
      tutor: bookingTutors[i % 100]!,
      student: students[i % 100]!,
      start: new Date(firstHour + Math.floor(i / 100) * HOUR).toISOString(),
    };
  };
  const bookingLoad = await autocannon({
    url: `${api}/bookings`,
    connections: 20,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const b = nextBooking();
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${b.student}`, 'idempotency-key': randomUUID() },
            body: JSON.stringify({ tutorId: b.tutor, courseId: courses[0], start: b.start, length: 60 }),
          };
        },
      },
    ],
  });
  const created = Number(
    (await tutoringDb.query(`SELECT count(*)::int AS n FROM bookings WHERE tutor_id = ANY($1::uuid[])`, [bookingTutors])).rows[0].n,
  );

  // Baseline: bare node:http + pg doing only the INSERT (with the exclusion constraint), on other tutors' calendars.
  const baselineTutors = tutorIds.slice(101, 201);
  const baselinePort = await freePort();
  const baseline = spawnNode(['--import', 'tsx', path.join(__dirname, 'baseline-insert-server.ts')], {
    DATABASE_URL: serviceUrls.tutoring,
    PORT: String(baselinePort),
    COURSE_ID: courses[0],
  });
  await waitForOk(`http://127.0.0.1:${baselinePort}/ready`);
  let baseCounter = 0;
  const bareLoad = await autocannon({
    url: `http://127.0.0.1:${baselinePort}/bookings`,
    connections: 20,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = baseCounter++;
          return {
            ...req,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              tutorId: baselineTutors[i % 100],
              studentId: randomUUID(),
              start: new Date(firstHour + Math.floor(i / 100) * HOUR).toISOString(),
            }),
          };
        },
      },
    ],
  });

  await Promise.all([stopProcess(baseline), stopProcess(tutoring.process), stopProcess(users.process)]);
  await Promise.all([usersDb.end(), tutoringDb.end()]);
  await postgres.stop();

  const ms = (v: number) => v.toFixed(1);
  const rows: Array<[string, string | number]> = [
    [
      `slots: 31 days, 50 rules, 20 overrides, 300 bookings -> ${slotCount} slots; p50 / p99 ms (target p99 < 20)`,
      `${ms(slots.p50)} / ${ms(slots.p99)}`,
    ],
    ['  baseline: GET /tutors/:id (one query) p50 / p99 ms', `${ms(profile.p50)} / ${ms(profile.p99)}`],
    [
      'search 10,000 tutors, course + 7-day open-slot window: p50 / p95 ms (target p95 < 50)',
      `${ms(withWindow.p50)} / ${ms(withWindow.p95)}`,
    ],
    ['search 10,000 tutors, typo text + 7-day window: p50 / p95 ms', `${ms(withText.p50)} / ${ms(withText.p95)}`],
    ['  baseline: same course search without a window: p50 / p95 ms', `${ms(noWindow.p50)} / ${ms(noWindow.p95)}`],
    ['POST /bookings req/s (20 connections)', Math.round(bookingLoad.requests.average)],
    ['  p50 / p99 ms', `${bookingLoad.latency.p50} / ${bookingLoad.latency.p99}`],
    ['  non-2xx / errors, bookings created', `${bookingLoad.non2xx} / ${bookingLoad.errors}, ${created}`],
    ['baseline: bare node:http + pg INSERT req/s (20 connections)', Math.round(bareLoad.requests.average)],
    ['  p50 / p99 ms', `${bareLoad.latency.p50} / ${bareLoad.latency.p99}`],
    ['ratio bookings to bare INSERT', (bookingLoad.requests.average / bareLoad.requests.average).toFixed(2)],
  ];
  console.log(`\ntutoring service benchmark (${seconds} s per load, Node ${process.version})`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(92)} ${value}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
