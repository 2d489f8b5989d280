// The tutoring service's configuration: the only place it reads process.env.
import { z } from 'zod';
import { databaseConfigShape, checkDatabaseSettings } from '@tutoring-platform/postgres';
import { env, eventBusConfigShape, httpConfigShape, loadConfig } from '@tutoring-platform/shared';
import { jwt, localApiUrl, services } from '@tutoring-platform/shared/catalog';

const schema = checkDatabaseSettings(
  z.object({
    ...httpConfigShape,
    ...eventBusConfigShape,
    ...databaseConfigShape,
    PORT: env.port(services.tutoring.localPort),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default(services.tutoring.store.schema),
    /** The users service's published keys; access tokens are verified against them, never signed here. */
    JWKS_URL: z.string().url(),
    JWT_ISSUER: z.string().min(1).default(jwt.issuer),
    JWT_AUDIENCE: z.string().min(1).default(jwt.audience),
    /** The users service's API, for which accounts are active (suspended tutors are left out of search). */
    USERS_API_URL: z.string().url().default(localApiUrl('users')),
    /** The groups service's API: its event inbox hears of every change to a group session's booking. */
    GROUPS_API_URL: z.string().url().default(localApiUrl('groups')),
    /** The notifications service's API: its event inbox tells a booking's two parties of every change. */
    NOTIFICATIONS_API_URL: z.string().url().default(localApiUrl('notifications')),
    /** This service's client secret, exchanged with the users service for the service token its outbox delivers with. */
    TUTORING_CLIENT_SECRET: env.secret().pipe(z.string().min(32, 'must be at least 32 characters')),
    /** Outbox delivery: the longest pause between two tries of an event that could not be delivered. */
    OUTBOX_RETRY_MAX_MS: env.int(30_000, 10),
    OUTBOX_POLL_MS: env.int(500, 10),
    /** The bucket of tutors' photos (the CDK app names it in AWS). */
    PHOTOS_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
      .default(services.tutoring.objects.localBucketName),
    AWS_REGION: z.string().min(1).default('eu-west-1'),
    /** Only locally: the S3-compatible server's address. In AWS the SDK finds S3 and the task role's credentials itself. */
    S3_ENDPOINT: z.string().url().optional(),
    /** How long to wait for the bucket to answer. */
    S3_TIMEOUT_MS: env.int(5_000, 100),
    /** How long a tutor has to answer a booking request before it expires (never later than its start). */
    PENDING_EXPIRY_HOURS: env.int(24, 1),
    /** How often stale pending bookings are swept to `expired`. */
    EXPIRY_SWEEP_SECONDS: env.int(60, 1),
  }),
);

export type TutoringConfig = z.output<typeof schema>;

export function loadTutoringConfig(source: NodeJS.ProcessEnv = process.env): TutoringConfig {
  return loadConfig(schema, source);
}
