// Composition root: the repository and settings one process (or one test) uses.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  dependencyGuard,
  translateErrors,
  type ErrorTranslator,
  type Logger,
  type PublicKeyResolver,
  type TokenSettings,
} from '@tutoring-platform/shared';
import { httpTutoringSessions, type TutoringSessions } from './clients/tutoring-sessions';
import { FreeTimeRepository } from './data/free-time-repository';
import { GroupRepository } from './data/group-repository';
import { MeetingRepository } from './data/meeting-repository';
import { MeetingReminders } from './data/meeting-reminders';
import { DynamoOutbox } from './data/outbox';
import { PostRepository } from './data/post-repository';

export interface GroupsDependencies {
  groups: GroupRepository;
  meetings: MeetingRepository;
  meetingReminders: MeetingReminders;
  posts: PostRepository;
  freeTime: FreeTimeRepository;
  /** Events for other services, written with the changes they report. */
  outbox: DynamoOutbox;
  tutoring: TutoringSessions;
  resolveKey: PublicKeyResolver;
  tokens: TokenSettings;
}

export interface DynamoSettings {
  region: string;
  /** DynamoDB Local's address; absent in AWS, where the SDK's own endpoint and the task role apply. */
  endpoint?: string | undefined;
  logger: Logger;
  /** @default 5000 */
  requestTimeoutMs?: number;
  /** The longest wait to open a connection to DynamoDB. @default 2000 */
  connectTimeoutMs?: number;
}

/** Errors that mean DynamoDB is throttling, failing or out of reach: a 503 to retry, never a 500. */
const outageNames = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

export const dynamoUnavailable: ErrorTranslator = (err) => {
  if (!(err instanceof Error)) return undefined;
  const { code, $metadata } = err as { code?: string; $metadata?: { httpStatusCode?: number } };
  const outage = outageNames.has(err.name) || (code !== undefined && networkCodes.has(code)) || ($metadata?.httpStatusCode ?? 0) >= 500;
  return outage
    ? new AppError('dependency-unavailable', 503, 'The groups table is busy or unavailable; try again shortly', undefined, {
        'Retry-After': '1',
      })
    : undefined;
};

export function createDynamoClient(settings: DynamoSettings): DynamoDBDocumentClient {
  translateErrors(dynamoUnavailable);
  const client = new DynamoDBClient({
    region: settings.region,
    // one retry at most: a stalled table answers within about twice the request timeout, not three times
    maxAttempts: 2,
    // Sized for a burst: the default 50 sockets queued 247 of 300 concurrent joins behind each other. Bounded waits
    // keep a stalled table from holding requests past the load balancer's timeout.
    requestHandler: {
      httpAgent: { keepAlive: true, maxSockets: 512 },
      httpsAgent: { keepAlive: true, maxSockets: 512 },
      connectionTimeout: settings.connectTimeoutMs ?? 2_000,
      requestTimeout: settings.requestTimeoutMs ?? 5_000,
      // without it the SDK only logs a warning when the timeout passes, and the request waits on
      throwOnRequestTimeout: true,
    },
    ...(settings.endpoint ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  // While the table is out of reach, requests answer 503 at once (see dependencyGuard); around the SDK's retries
  const guard = dependencyGuard('groups table', (err) => dynamoUnavailable(err) !== undefined, settings.logger);
  client.middlewareStack.add((next) => (args) => guard(() => next(args)), { step: 'initialize', name: 'dependencyBreaker' });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createDependencies(
  db: DynamoDBDocumentClient,
  options: {
    table: string;
    resolveKey: PublicKeyResolver;
    tokens: TokenSettings;
    tutoringApiUrl: string;
    peerTimeoutMs?: number;
    /** Tests give each relay its own outbox partition in the shared table. */
    outboxPartition?: string;
    /** Tests give each reminder round its own partition too. */
    reminderPartition?: string;
  },
): GroupsDependencies {
  const outbox = new DynamoOutbox(db, options.table, options.outboxPartition);
  const meetingReminders = new MeetingReminders(db, options.table, options.reminderPartition);
  return {
    groups: new GroupRepository(db, options.table, outbox),
    meetings: new MeetingRepository(db, options.table, meetingReminders),
    meetingReminders,
    posts: new PostRepository(db, options.table, outbox),
    outbox,
    freeTime: new FreeTimeRepository(db, options.table),
    tutoring: httpTutoringSessions(options.tutoringApiUrl, options.peerTimeoutMs),
    resolveKey: options.resolveKey,
    tokens: options.tokens,
  };
}
