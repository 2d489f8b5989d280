// The real notifications service on an ephemeral port, for tests across services: its inbox on the run's database,
// its email through the run's development mail server, its clock in the test's hands.
import type { Server } from 'node:http';
import { createPool, pingDatabase } from '@tutoring-platform/postgres';
import {
  Lifecycle,
  createLogger,
  jwksKeyResolver,
  portOf,
  startServer,
  stopServer,
  OutboxRelay,
  type RelaySettings,
} from '@tutoring-platform/shared';
import { createApp } from '../app';
import { smtpTransport } from '../data/mail-transport';
import { createDependencies, type NotificationsDependencies } from '../dependencies';
import { sendDueReminders } from '../domain/send-reminders';
import { sendNotificationEmail } from '../domain/send-email';

export interface NotificationsTestServer {
  baseUrl: string;
  deps: NotificationsDependencies;
  /** One reminder round now, as the poll of a running instance does: how many reminders went out. */
  sendDueReminders(): Promise<number>;
  /** Stops answering HTTP (callers see connection refused) until `resume`, on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** Verifies tokens of the users service `users`; sends its email at once to the run's mail server (TEST_SMTP_URL). */
export async function startNotificationsTestServer(options: {
  users: { jwksUrl: string; issuer: string; audience: string };
  now?: () => Date;
  /** The email relay's settings; quick polling unless given. */
  relay?: RelaySettings;
}): Promise<NotificationsTestServer> {
  const { TEST_DATABASE_URL_NOTIFICATIONS: url, TEST_SMTP_URL: smtpUrl } = process.env;
  if (!url || !smtpUrl) throw new Error('TEST_DATABASE_URL_NOTIFICATIONS is not set: run tests through jest with the global setup');
  const logger = createLogger('notifications-test', 'silent');
  const pool = createPool({ connectionString: url, max: 5 }, logger);
  const mail = smtpTransport(smtpUrl, 'Study Groups <no-reply@tutoring.test>');
  const deps = createDependencies(pool, {
    resolveKey: jwksKeyResolver(options.users.jwksUrl),
    tokens: { issuer: options.users.issuer, audience: options.users.audience },
    mail,
    publicUrl: 'http://localhost:8080',
    ...(options.now ? { now: options.now } : {}),
  });
  const app = createApp(deps, {
    logger,
    lifecycle: new Lifecycle(),
    readiness: { database: pingDatabase(pool) },
    bodyLimit: '100kb',
    rateLimitPerMinute: 1_000_000,
  });
  const relay = new OutboxRelay(
    deps.outbox,
    { email: (event) => sendNotificationEmail(deps, event) },
    logger,
    options.relay ?? { pollMs: 50, retryBaseMs: 100, retryMaxMs: 1_000 },
  );
  relay.start();
  let server: Server | undefined = await startServer(app, 0, '127.0.0.1');
  const port = portOf(server);
  return {
    baseUrl: `http://127.0.0.1:${port}/api/notifications`,
    deps,
    sendDueReminders: () => sendDueReminders(deps),
    async pause() {
      if (server) await stopServer(server, 1000);
      server = undefined;
    },
    async resume() {
      server ??= await startServer(app, port, '127.0.0.1');
    },
    async close() {
      await relay.stop();
      if (server) await stopServer(server, 1000);
      mail.close();
      await pool.end();
    },
  };
}
