// Boot: the shared service runner over DynamoDB, the relay of the outbox's events, and the poll that sends due
// meeting reminders.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { OutboxRelay, clientCredentials, deliveryToConsumer, runService, verifyingWith } from '@tutoring-platform/shared';
import { createApp } from './app';
import { loadGroupsConfig } from './config';
import { createDependencies, createDynamoClient } from './dependencies';
import { sendDueMeetingReminders } from './domain/remind-meetings';

if (require.main === module) {
  runService({
    name: 'groups',
    loadConfig: () => loadGroupsConfig(),
    open: async (config, logger) => {
      const db = createDynamoClient({
        region: config.AWS_REGION,
        endpoint: config.DYNAMODB_ENDPOINT,
        logger,
        requestTimeoutMs: config.DYNAMODB_REQUEST_TIMEOUT_MS,
        connectTimeoutMs: config.DYNAMODB_CONNECT_TIMEOUT_MS,
      });
      const check = async () => {
        await db.send(new DescribeTableCommand({ TableName: config.GROUPS_TABLE }));
      };
      return { store: db, prepare: check, readiness: { dynamodb: check }, close: async () => db.destroy() };
    },
    start: async ({ config, store, logger, settings }) => {
      const deps = createDependencies(store, {
        table: config.GROUPS_TABLE,
        ...verifyingWith(config),
        tutoringApiUrl: config.TUTORING_API_URL,
        peerTimeoutMs: config.PEER_TIMEOUT_MS,
      });
      const tokens = clientCredentials(config.USERS_API_URL, 'groups', config.GROUPS_CLIENT_SECRET, config.PEER_TIMEOUT_MS);
      const notifications = deliveryToConsumer(config, 'groups', { apiUrl: config.NOTIFICATIONS_API_URL, tokens });
      const relay = new OutboxRelay(deps.outbox, { notifications }, logger, {
        pollMs: config.OUTBOX_POLL_MS,
        retryMaxMs: config.OUTBOX_RETRY_MAX_MS,
      });
      let reminders: NodeJS.Timeout | undefined;
      const ready = () => {
        relay.start();
        reminders = setInterval(() => {
          sendDueMeetingReminders(deps).then(
            (sent) => sent > 0 && logger.info({ sent }, 'sent meeting reminders'),
            (err: unknown) => logger.warn({ err }, 'meeting reminder round failed'),
          );
        }, config.MEETING_REMINDER_POLL_MS);
        reminders.unref();
      };
      const close = async () => {
        clearInterval(reminders);
        await relay.stop();
      };
      return { app: createApp(deps, settings), ready, close };
    },
  });
}
