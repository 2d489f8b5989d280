// The notifications service's configuration: the only place it reads process.env.
import { z } from 'zod';
import { databaseConfigShape, checkDatabaseSettings } from '@tutoring-platform/postgres';
import { env, httpConfigShape, loadConfig } from '@tutoring-platform/shared';
import { jwt, services } from '@tutoring-platform/shared/catalog';

const schema = checkDatabaseSettings(
  z.object({
    ...httpConfigShape,
    ...databaseConfigShape,
    PORT: env.port(services.notifications.localPort),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default(services.notifications.store.schema),
    /** The users service's published keys; access tokens are verified against them, never signed here. */
    JWKS_URL: z.string().url(),
    JWT_ISSUER: z.string().min(1).default(jwt.issuer),
    JWT_AUDIENCE: z.string().min(1).default(jwt.audience),
    /** The web app's public address: links in email point there. */
    PUBLIC_URL: z
      .string()
      .url()
      .default('http://localhost:8080')
      .transform((url) => url.replace(/\/+$/, '')),
    /** Who email comes from, e.g. `Study Groups <no-reply@example.edu>` (in AWS, an address of the SES identity). */
    MAIL_FROM: z.string().min(3).default('Study Groups <no-reply@tutoring.local>'),
    /** Locally, the SMTP server mail goes to (`smtp://host:port`); without it, mail goes through Amazon SES. */
    SMTP_URL: z.string().url().optional(),
    AWS_REGION: z.string().min(1).default('eu-west-1'),
    /** In AWS, the SQS queue the event bus fills with the platform's events; locally absent (they come to `/events`). */
    EVENTS_QUEUE_URL: z.string().url().optional(),
    /** Email delivery: the longest pause between two tries of a message that could not be sent. */
    OUTBOX_RETRY_MAX_MS: env.int(60_000, 10),
    OUTBOX_POLL_MS: env.int(500, 10),
    /** How often due reminders are looked for; a reminder is at most this late. */
    REMINDER_POLL_MS: env.int(10_000, 10),
  }),
);

export type NotificationsConfig = z.output<typeof schema>;

export function loadNotificationsConfig(source: NodeJS.ProcessEnv = process.env): NotificationsConfig {
  return loadConfig(schema, source);
}
