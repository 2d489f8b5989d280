// The service catalog: every fact about a deployable, written once. The services' configs, the local stack, the
// provisioning code, the compose check and the CDK app all read it. Pure data: importing it pulls in nothing.

/** A DynamoDB table's keys and indexes (string attributes, every index projecting all attributes). */
export interface TableDefinition {
  partitionKey: string;
  sortKey: string;
  indexes: Readonly<Record<string, { name: string; partitionKey: string; sortKey: string }>>;
}

export interface PostgresStore {
  kind: 'postgres';
  /** The schema the service owns; no other role can reach it. */
  schema: string;
  /** The login role the service connects as. */
  role: string;
  /** Extensions an admin installs into the service's schema. */
  extensions: readonly string[];
}

export interface DynamoDbStore {
  kind: 'dynamodb';
  /** The environment variable that names the table. */
  tableVariable: string;
  /** The table's name locally (docker compose, `npm start`); in AWS the CDK app names it. */
  localTableName: string;
  table: TableDefinition;
}

/** An S3 bucket the service keeps objects in besides its store (locally an S3-compatible server). */
export interface ObjectStore {
  /** The environment variable that names the bucket. */
  bucketVariable: string;
  /** The bucket's name locally (docker compose, `npm start`, tests); in AWS the CDK app names it. */
  localBucketName: string;
  /** The key prefixes the service writes below; its role may touch nothing else in the bucket. */
  prefixes: readonly string[];
}

/** How a service sends email. */
export interface MailSender {
  /** The environment variable with the sender address (`From`); in AWS the CDK app makes it from the SES identity. */
  fromVariable: string;
  /** Locally, the environment variable with the SMTP server's URL (`smtp://host:port`). */
  smtpVariable: string;
}

export interface ApiService {
  name: ServiceName;
  /** The workspace folder below the repository root; its Dockerfile sits there. */
  workspace: string;
  /** Every path of the service starts with this prefix, locally and on the ALB. */
  pathPrefix: string;
  /** ALB listener rule priority (lower wins). */
  priority: number;
  /** The port inside its container (and on ECS). */
  containerPort: number;
  /** The port when run as a local process (`npm start`, or a service alone). */
  localPort: number;
  /** Liveness: the process answers. For target groups and container health checks. */
  healthPath: string;
  /** Readiness: its store answers and it is not draining. */
  readyPath: string;
  store: PostgresStore | DynamoDbStore;
  /** Files (tutors' photos) kept outside the store. */
  objects?: ObjectStore;
  /** It sends email: over SMTP locally (a development mail server), through Amazon SES in AWS. */
  mail?: MailSender;
  /** Peers it calls: environment variable -> the peer whose API base URL (origin + prefix) it holds. */
  peers: Readonly<Record<string, ServiceName>>;
  /**
   * Peers its outbox delivers events to, at `POST <peer prefix>/events` with a service token. A service that only
   * verifies tokens gets one from the users service with its client secret (`clientSecretVariable`).
   */
  deliversTo: readonly ServiceName[];
  /** `signs` issues access tokens and publishes the JWKS; `verifies` checks them against it. */
  tokens: 'signs' | 'verifies';
  /** Secrets besides the store's credentials and client secrets (`secretsOf`), injected from Secrets Manager in AWS. */
  secrets: readonly string[];
  /** A release's smoke journey (paths below the prefix): one read anyone may make, one that needs a signed-in user. */
  smoke: { anonymousRead: string; signedInRead: string };
}

/** Access tokens' issuer and audience: the users service signs with them, every service checks them. */
export const jwt = { issuer: 'tutoring-platform/users', audience: 'tutoring-platform' } as const;

/** The groups table: one table, single-table design (services/groups/README.md lists its items). */
const groupsTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    /** Browsing: discoverable groups by course, most recently active first. */
    browse: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Overloaded: a user's memberships under USER#<id>, every discoverable group under PUBLIC. */
    byMember: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  },
} as const satisfies TableDefinition;

function apiService<
  Entry extends Pick<
    ApiService,
    'localPort' | 'priority' | 'peers' | 'deliversTo' | 'tokens' | 'secrets' | 'smoke' | 'objects' | 'mail'
  > & {
    store: PostgresStore | DynamoDbStore;
  },
>(name: ServiceName, entry: Entry): ApiService & Entry {
  const pathPrefix = `/api/${name}`;
  return {
    name,
    workspace: `services/${name}`,
    pathPrefix,
    containerPort: 3000,
    healthPath: `${pathPrefix}/healthz`,
    readyPath: `${pathPrefix}/readyz`,
    ...entry,
  };
}

export type ServiceName = 'users' | 'tutoring' | 'groups' | 'notifications';

export const services = {
  users: apiService('users', {
    localPort: 3001,
    priority: 10,
    store: { kind: 'postgres', schema: 'users', role: 'users_service', extensions: [] },
    peers: { TUTORING_API_URL: 'tutoring', NOTIFICATIONS_API_URL: 'notifications' },
    deliversTo: ['tutoring', 'notifications'],
    tokens: 'signs',
    secrets: ['JWT_PRIVATE_KEY', 'TOTP_ENCRYPTION_KEY'],
    smoke: { anonymousRead: '/.well-known/jwks.json', signedInRead: '/me' },
  }),
  tutoring: apiService('tutoring', {
    localPort: 3002,
    priority: 20,
    store: { kind: 'postgres', schema: 'tutoring', role: 'tutoring_service', extensions: ['btree_gist', 'pg_trgm'] },
    objects: { bucketVariable: 'PHOTOS_BUCKET', localBucketName: 'tutoring-platform-photos', prefixes: ['tutors/'] },
    peers: { USERS_API_URL: 'users', GROUPS_API_URL: 'groups', NOTIFICATIONS_API_URL: 'notifications' },
    deliversTo: ['groups', 'notifications'],
    tokens: 'verifies',
    secrets: [],
    smoke: { anonymousRead: '/courses', signedInRead: '/bookings' },
  }),
  groups: apiService('groups', {
    localPort: 3003,
    priority: 30,
    store: { kind: 'dynamodb', tableVariable: 'GROUPS_TABLE', localTableName: 'tutoring-platform-groups', table: groupsTable },
    peers: { TUTORING_API_URL: 'tutoring', USERS_API_URL: 'users', NOTIFICATIONS_API_URL: 'notifications' },
    deliversTo: ['notifications'],
    tokens: 'verifies',
    secrets: [],
    smoke: { anonymousRead: '/', signedInRead: '/mine' },
  }),
  notifications: apiService('notifications', {
    localPort: 3004,
    priority: 40,
    store: { kind: 'postgres', schema: 'notifications', role: 'notifications_service', extensions: [] },
    mail: { fromVariable: 'MAIL_FROM', smtpVariable: 'SMTP_URL' },
    peers: {},
    deliversTo: [],
    tokens: 'verifies',
    secrets: [],
    smoke: { anonymousRead: '/openapi.json', signedInRead: '/notifications' },
  }),
} as const satisfies Record<ServiceName, ApiService>;

/** The API services in rule-priority order. */
export const apiServices: readonly ApiService[] = Object.values(services).sort((a, b) => a.priority - b.priority);

/** The web app: the ALB's default action, everything no API claims. */
export const webApp = {
  name: 'web',
  workspace: 'frontend',
  containerPort: 8080,
  /** The local gateway (the ALB's stand-in) listens here too, so the platform has one URL locally. */
  localPort: 8080,
  healthPath: '/healthz',
  /** A release's smoke journey: the page every visitor loads first. */
  smoke: { anonymousRead: '/' },
  /** In the build, the files each route needs beyond the entry: the web server names them in that page's HTML. */
  routePreloads: '.vite/route-preloads.json',
} as const;

/** One entry of the web app's `routePreloads` list: a route's pattern, as in its router, and its page's assets. */
export interface RoutePreload {
  path: string;
  scripts: string[];
  styles: string[];
}

/**
 * Every deployable a release pipeline builds and CodeDeploy swaps: its Dockerfile's folder, the workspaces its image
 * runs (their production dependencies are added by whoever needs the whole set) and its container.
 */
export const releasedDeployables = [
  ...apiServices.map((s) => ({
    name: s.name as string,
    workspace: s.workspace,
    imageWorkspaces: [s.workspace],
    containerPort: s.containerPort,
  })),
  {
    name: webApp.name,
    workspace: webApp.workspace,
    imageWorkspaces: [webApp.workspace, 'services/web'],
    containerPort: webApp.containerPort,
  },
];

/** The OpenAPI document of an API service. */
export const openApiPath = (service: ApiService): string => `${service.pathPrefix}/openapi.json`;

/** The JWKS path of the service that signs tokens. */
export const jwksPath = `${services.users.pathPrefix}/.well-known/jwks.json`;

/** Services that keep objects in a bucket. */
export const objectStoreServices = apiServices.filter((s): s is ApiService & { objects: ObjectStore } => s.objects !== undefined);

/** Services that send email. */
export const mailServices = apiServices.filter((s): s is ApiService & { mail: MailSender } => s.mail !== undefined);

export const postgresServices = apiServices.filter((s): s is ApiService & { store: PostgresStore } => s.store.kind === 'postgres');

/**
 * In AWS, events for the consumer travel over an EventBridge bus to its SQS queue (with a dead-letter queue), not
 * over HTTP: the producers' relays put them on the bus named by `busVariable`, the consumer reads the queue at
 * `queueVariable`. Locally both are absent and the relays post to the consumer's `/events`.
 */
export const eventBus = { consumer: 'notifications', busVariable: 'EVENT_BUS_NAME', queueVariable: 'EVENTS_QUEUE_URL' } as const;

/** The `source` of the events a service puts on the bus; the bus's IAM lets each service use only its own. */
export const eventSource = (service: ServiceName | ApiService): string =>
  `tutoring-platform.${typeof service === 'string' ? service : service.name}`;

/** The services whose outboxes deliver to the event consumer: in AWS, the ones that put events on the bus. */
export const eventProducers: readonly ApiService[] = apiServices.filter((s) => s.deliversTo.includes(eventBus.consumer));

/** The path of a service's event inbox, where its peers' outboxes deliver. */
export const eventsPath = (service: ApiService): string => `${service.pathPrefix}/events`;

/** Services that call peers on their own behalf without signing tokens: each has a client secret. */
export const serviceClients: readonly ApiService[] = apiServices.filter((s) => s.tokens === 'verifies' && s.deliversTo.length > 0);

/** The variable holding a service client's secret, under the same name in the client and in the users service. */
export const clientSecretVariable = (service: ApiService): string => `${service.name.toUpperCase()}_CLIENT_SECRET`;

/**
 * Every secret a service is given: its own, its client secret if it is a service client, and for the service that
 * signs tokens every client's secret, which it exchanges for service tokens.
 */
export function secretsOf(service: ApiService): string[] {
  const clients = service.tokens === 'signs' ? serviceClients : serviceClients.filter((c) => c.name === service.name);
  return [...service.secrets, ...clients.map(clientSecretVariable)];
}

/**
 * The environment variables every place that runs a service must give it (values differ per place): its port, its
 * store, its peers' URLs, the JWKS and its secrets. The rest has defaults, the JWT issuer and audience among them.
 * A secret may come as `<NAME>_FILE` instead (docker compose) or from Secrets Manager (ECS).
 */
export function environmentNames(service: ApiService, place: 'local' | 'aws'): string[] {
  const local = place === 'local';
  const store =
    service.store.kind === 'postgres'
      ? [local ? 'DATABASE_URL' : 'DATABASE_SECRET_ARN']
      : [service.store.tableVariable, 'AWS_REGION', ...(local ? ['DYNAMODB_ENDPOINT'] : [])];
  const objects = service.objects ? [service.objects.bucketVariable, 'AWS_REGION', ...(local ? ['S3_ENDPOINT'] : [])] : [];
  const mail = service.mail ? [service.mail.fromVariable, 'PUBLIC_URL', ...(local ? [service.mail.smtpVariable] : ['AWS_REGION'])] : [];
  const tokens = service.tokens === 'verifies' ? ['JWKS_URL'] : [];
  const bus = local
    ? []
    : [
        ...(service.deliversTo.includes(eventBus.consumer) ? [eventBus.busVariable, 'AWS_REGION'] : []),
        ...(service.name === eventBus.consumer ? [eventBus.queueVariable, 'AWS_REGION'] : []),
      ];
  return [
    ...new Set(['PORT', ...store, ...objects, ...mail, ...tokens, ...bus, ...Object.keys(service.peers), ...secretsOf(service)]),
  ].sort();
}

/** A peer's API base URL when every service runs as a local process on its local port. */
export const localApiUrl = (name: ServiceName): string => `http://127.0.0.1:${services[name].localPort}${services[name].pathPrefix}`;
