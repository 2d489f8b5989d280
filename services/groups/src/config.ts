// The groups service's configuration: the only place it reads process.env.
import { z } from 'zod';
import { env, eventBusConfigShape, httpConfigShape, loadConfig } from '@tutoring-platform/shared';
import { jwt, localApiUrl, services } from '@tutoring-platform/shared/catalog';

const schema = z.object({
  ...httpConfigShape,
  ...eventBusConfigShape,
  PORT: env.port(services.groups.localPort),
  GROUPS_TABLE: z.string().min(3),
  AWS_REGION: z.string().min(1).default('eu-west-1'),
  /** Only locally: DynamoDB Local's address. In AWS the SDK finds DynamoDB and the task role's credentials itself. */
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  /** The longest wait for one DynamoDB request; with one retry a stalled table answers 503 within about twice this. */
  DYNAMODB_REQUEST_TIMEOUT_MS: env.int(5_000, 100),
  /** The longest wait to open a connection to DynamoDB. */
  DYNAMODB_CONNECT_TIMEOUT_MS: env.int(2_000, 100),
  JWKS_URL: z.string().url(),
  JWT_ISSUER: z.string().min(1).default(jwt.issuer),
  JWT_AUDIENCE: z.string().min(1).default(jwt.audience),
  /** The tutoring service's API: group sessions with a tutor are booked there with the organizer's token. */
  TUTORING_API_URL: z.string().url().default(localApiUrl('tutoring')),
  /** The users service's API: it gives the service token the outbox delivers with. */
  USERS_API_URL: z.string().url().default(localApiUrl('users')),
  /** The notifications service's API: its event inbox tells members of promotions, answers to requests and replies. */
  NOTIFICATIONS_API_URL: z.string().url().default(localApiUrl('notifications')),
  /** This service's client secret, exchanged with the users service for the service token its outbox delivers with. */
  GROUPS_CLIENT_SECRET: env.secret().pipe(z.string().min(32, 'must be at least 32 characters')),
  /** Outbox delivery: the longest pause between two tries of an event that could not be delivered. */
  OUTBOX_RETRY_MAX_MS: env.int(30_000, 10),
  OUTBOX_POLL_MS: env.int(500, 10),
  /** How often due meeting reminders are looked for: the most a reminder can be late. */
  MEETING_REMINDER_POLL_MS: env.int(10_000, 10),
});

export type GroupsConfig = z.output<typeof schema>;

export function loadGroupsConfig(source: NodeJS.ProcessEnv = process.env): GroupsConfig {
  return loadConfig(schema, source);
}
