// Boot: the shared service runner, the relay that sends the outbox's email, the poll that sends due reminders and,
// in AWS, the consumer of the events queue.
import path from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { openPostgres } from '@tutoring-platform/postgres';
import { runService, verifyingWith, OutboxRelay } from '@tutoring-platform/shared';
import { createApp } from './app';
import { loadNotificationsConfig } from './config';
import { sesTransport, smtpTransport } from './data/mail-transport';
import { createDependencies } from './dependencies';
import { sendDueReminders } from './domain/send-reminders';
import { sendNotificationEmail } from './domain/send-email';
import { applyEvent } from './http/events-router';
import { EventQueueConsumer } from './queue/event-queue';

export const migrationsDir = path.join(__dirname, '..', 'migrations');

if (require.main === module) {
  runService({
    name: 'notifications',
    loadConfig: () => loadNotificationsConfig(),
    open: openPostgres(migrationsDir),
    start: async ({ config, store: pool, logger, settings }) => {
      const mail = config.SMTP_URL
        ? smtpTransport(config.SMTP_URL, config.MAIL_FROM)
        : sesTransport(new SESv2Client({ region: config.AWS_REGION }), config.MAIL_FROM);
      const deps = createDependencies(pool, {
        ...verifyingWith(config),
        mail,
        publicUrl: config.PUBLIC_URL,
      });
      const relay = new OutboxRelay(deps.outbox, { email: (event) => sendNotificationEmail(deps, event) }, logger, {
        pollMs: config.OUTBOX_POLL_MS,
        retryMaxMs: config.OUTBOX_RETRY_MAX_MS,
      });
      const queue = config.EVENTS_QUEUE_URL
        ? new EventQueueConsumer(
            new SQSClient({ region: config.AWS_REGION }),
            config.EVENTS_QUEUE_URL,
            (caller, event) => applyEvent(deps, caller, event),
            logger,
          )
        : undefined;
      let reminders: NodeJS.Timeout | undefined;
      const ready = () => {
        relay.start();
        queue?.start();
        reminders = setInterval(() => {
          sendDueReminders(deps).then(
            (sent) => sent > 0 && logger.info({ sent }, 'sent session reminders'),
            (err: unknown) => logger.warn({ err }, 'reminder round failed'),
          );
        }, config.REMINDER_POLL_MS);
        reminders.unref();
      };
      const close = async () => {
        clearInterval(reminders);
        await queue?.stop();
        await relay.stop();
        mail.close();
      };
      return { app: createApp(deps, settings), ready, close };
    },
  });
}
