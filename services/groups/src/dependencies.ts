// Composition root: the repository and settings one process (or one test) uses.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PublicKeyResolver, TokenSettings } from '@tutoring-platform/shared';
import { httpTutoringSessions, type TutoringSessions } from './clients/tutoring-sessions';
import { GroupRepository } from './data/group-repository';
import { MeetingRepository } from './data/meeting-repository';
import { PostRepository } from './data/post-repository';

export interface GroupsDependencies {
  groups: GroupRepository;
  meetings: MeetingRepository;
  posts: PostRepository;
  tutoring: TutoringSessions;
  resolveKey: PublicKeyResolver;
  tokens: TokenSettings;
}

export interface DynamoSettings {
  region: string;
  /** DynamoDB Local's address; absent in AWS, where the SDK's own endpoint and the task role apply. */
  endpoint?: string | undefined;
}

export function createDynamoClient(settings: DynamoSettings): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: settings.region,
    // Sized for a burst: the default 50 sockets queued 247 of 300 concurrent joins behind each other. Bounded waits
    // keep a stalled table from holding requests past the load balancer's timeout.
    requestHandler: {
      httpAgent: { keepAlive: true, maxSockets: 512 },
      httpsAgent: { keepAlive: true, maxSockets: 512 },
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
    },
    ...(settings.endpoint ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function createDependencies(
  db: DynamoDBDocumentClient,
  options: { table: string; resolveKey: PublicKeyResolver; tokens: TokenSettings; tutoringApiUrl: string },
): GroupsDependencies {
  return {
    groups: new GroupRepository(db, options.table),
    meetings: new MeetingRepository(db, options.table),
    posts: new PostRepository(db, options.table),
    tutoring: httpTutoringSessions(options.tutoringApiUrl),
    resolveKey: options.resolveKey,
    tokens: options.tokens,
  };
}
