// The notifications service's figures, on a throwaway PostgreSQL and a real development mail server. Not a test:
// prints figures.
//   event to inbox:  200 booking requests, one at a time 50 ms apart, written into tutoring's outbox and relayed with
//                    the production settings (poll 500 ms): from the writing commit to the tutor's inbox row; the
//                    baseline POSTs the same events straight to the events endpoint (no outbox, no relay)
//   reminders:       1,000 confirmed sessions spread over a week; two instances poll every 10 s of a simulated clock
//                    for 8 days; sent vs expected, duplicates, and lateness against each reminder's due instant
//   email size:      the messages as the mail server received them (MIME, both parts)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Outbox, createPool } from '@tutoring-platform/postgres';
import { startMailServer } from '@tutoring-platform/provision';
import { clientCredentials, createLogger, httpEventDelivery, OutboxRelay } from '@tutoring-platform/shared';
import { freePort, percentile, startThrowawayPostgres } from '@tutoring-platform/testing';
import { startUsersTestServer } from '@tutoring-platform/users/testing';
import { createDependencies } from '../src/dependencies';
import { applyBookingChanged } from '../src/domain/apply-events';
import { sendDueReminders } from '../src/domain/send-reminders';
import { startNotificationsTestServer } from '../src/testing/notifications-test-server';

const ms = (v: number) => v.toFixed(0);
const until = async (done: () => Promise<boolean>) => {
  while (!(await done())) await new Promise((r) => setTimeout(r, 5));
};

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  const mailDir = mkdtempSync(path.join(tmpdir(), 'bench-mail-'));
  const mail = await startMailServer({ smtpPort: await freePort(), webPort: await freePort(), dataDir: mailDir });
  process.env.TEST_DATABASE_URL_USERS = serviceUrls.users;
  process.env.TEST_DATABASE_URL_NOTIFICATIONS = serviceUrls.notifications;
  process.env.TEST_SMTP_URL = mail.smtpUrl;
  const logger = createLogger('bench', 'warn');

  const users = await startUsersTestServer();
  // the production relay settings for email: poll 500 ms
  const notifications = await startNotificationsTestServer({ users, relay: {} });
  users.relayTo({ notifications: notifications.baseUrl }, {});
  const tutor = await users.signUp('Bench Tutor');
  const student = await users.signUp('Bench Student');
  const notificationsDb = createPool({ connectionString: serviceUrls.notifications, max: 2 }, logger);
  const count = async (userId: string) =>
    (await notificationsDb.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [userId])).rows[0]!.n;
  await until(
    async () => (await notificationsDb.query('SELECT 1 FROM recipients WHERE user_id = ANY($1)', [[tutor.id, student.id]])).rowCount === 2,
  );

  const booking = (i: number) => {
    const start = new Date(Date.now() + (48 + i) * 3_600_000);
    return {
      bookingId: randomUUID(),
      status: 'pending',
      tutorId: tutor.id,
      studentId: student.id,
      groupId: null,
      course: { code: 'BENCH101', title: 'Benchmarking' },
      mode: 'online',
      place: 'https://meet.example.test/bench',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      cancelledBy: null,
      reason: null,
      rescheduledTo: null,
    };
  };

  // event to inbox, through tutoring's outbox and relay
  const tutoringDb = createPool({ connectionString: serviceUrls.tutoring, max: 4 }, logger);
  const outbox = new Outbox(tutoringDb);
  const tokens = clientCredentials(users.baseUrl, 'tutoring', users.clientSecret('tutoring'));
  const relay = new OutboxRelay(outbox, { notifications: httpEventDelivery(notifications.baseUrl, 'tutoring', tokens) }, logger);
  relay.start();
  const viaOutbox: number[] = [];
  for (let i = 0; i < 200; i++) {
    const before = await count(tutor.id);
    await outbox.add(tutoringDb, { destination: 'notifications', key: tutor.id, type: 'booking-changed', data: booking(i) });
    const at = performance.now();
    await until(async () => (await count(tutor.id)) > before);
    viaOutbox.push(performance.now() - at);
    await new Promise((r) => setTimeout(r, 50));
  }
  await relay.stop();

  const token = await tokens.get();
  const direct: number[] = [];
  for (let i = 0; i < 200; i++) {
    const before = await count(tutor.id);
    const at = performance.now();
    const res = await fetch(`${notifications.baseUrl}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 10_000_000 + i,
        source: 'tutoring',
        type: 'booking-changed',
        time: new Date().toISOString(),
        data: booking(i),
      }),
    });
    if (!res.ok) throw new Error(`events: ${res.status} ${await res.text()}`);
    await until(async () => (await count(tutor.id)) > before);
    direct.push(performance.now() - at);
  }

  // every request's email, as the mail server received it
  const inboxOf = async () => (await (await fetch(`${mail.webUrl}/api/email?limit=1000`)).json()) as Array<{ size: number }>;
  await until(async () => (await inboxOf()).length >= 400);
  const sizes = (await inboxOf()).map((m) => m.size).sort((a, b) => a - b);

  // reminders over a simulated week: two instances, each with its own pool, on one clock
  let clock = Date.now();
  const simPools = [0, 1].map(() => createPool({ connectionString: serviceUrls.notifications, max: 2 }, logger));
  const instance = (pool: (typeof simPools)[number]) =>
    createDependencies(pool, {
      resolveKey: async () => '',
      tokens: { issuer: '', audience: '' },
      // no relay runs here: the reminders' email waits in the outbox, counted, never sent
      mail: { send: async () => undefined, close: () => undefined },
      publicUrl: 'http://localhost:8080',
      now: () => new Date(clock),
    });
  const [a, b] = simPools.map(instance) as [ReturnType<typeof instance>, ReturnType<typeof instance>];
  const weekStart = clock;
  for (let i = 0; i < 1_000; i++) {
    const start = new Date(weekStart + 25 * 3_600_000 + Math.floor((i / 1_000) * 7 * 86_400_000) + (i % 7) * 61_000);
    const change = {
      ...booking(0),
      status: 'confirmed' as const,
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
    };
    await applyBookingChanged(a, 'tutoring', { id: 20_000_000 + i, time: new Date(clock).toISOString(), data: change as never });
  }
  const simStarted = performance.now();
  let rounds = 0;
  for (; clock < weekStart + 8 * 86_400_000; clock += 10_000) {
    await Promise.all([sendDueReminders(a), sendDueReminders(b)]);
    rounds += 1;
  }
  const simMs = performance.now() - simStarted;
  const { rows: sent } = await notificationsDb.query<{ sent: number; late_max: number; late_p99: number; planned: number }>(
    `SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent, count(*)::int AS planned,
            extract(epoch FROM max(sent_at - due_at))::float AS late_max,
            extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY sent_at - due_at))::float AS late_p99
     FROM reminders WHERE booking_id IN (SELECT booking_id FROM reminders WHERE session->'course'->>'code' = 'BENCH101')`,
  );
  const { rows: notices } = await notificationsDb.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE type = 'session-reminder'`,
  );

  await Promise.all([notifications.close(), users.close(), tutoringDb.end(), notificationsDb.end(), ...simPools.map((p) => p.end())]);
  await mail.stop();
  rmSync(mailDir, { recursive: true, force: true });
  await postgres.stop();

  viaOutbox.sort((x, y) => x - y);
  direct.sort((x, y) => x - y);
  console.log(`\nnotifications (Node ${process.version})`);
  const rows: Array<[string, string]> = [
    [
      'event to inbox via outbox + relay (poll 500 ms): p50 / p99 / max ms',
      `${ms(percentile(viaOutbox, 50))} / ${ms(percentile(viaOutbox, 99))} / ${ms(viaOutbox.at(-1)!)}`,
    ],
    [
      'baseline: POSTed straight to /events: p50 / p99 / max ms',
      `${ms(percentile(direct, 50))} / ${ms(percentile(direct, 99))} / ${ms(direct.at(-1)!)}`,
    ],
    ['email size as received (text + HTML, MIME): median / max bytes', `${percentile(sizes, 50)} / ${sizes.at(-1)}`],
    ['reminders, 1,000 sessions over a week: expected / planned / sent', `${2_000} / ${sent[0]!.planned} / ${sent[0]!.sent}`],
    ['reminder notices written (two per reminder: tutor and student), expected 4,000', String(notices[0]!.n)],
    [
      'reminder lateness vs due (poll 10 s, two instances): p99 / max s',
      `${sent[0]!.late_p99.toFixed(1)} / ${sent[0]!.late_max.toFixed(1)}`,
    ],
    ['simulated 8 days: rounds (x2 instances) / wall time s', `${rounds} / ${(simMs / 1000).toFixed(1)}`],
  ];
  for (const [name, value] of rows) console.log(`  ${name.padEnd(84)} ${value}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
