// Composition root: the repositories and settings one process (or one test) uses.
import type pg from 'pg';
import { Outbox, withTransaction } from '@tutoring-platform/postgres';
import type { PublicKeyResolver, TokenSettings } from '@tutoring-platform/shared';
import type { MailTransport } from './data/mail-transport';
import { NotificationRepository } from './data/notification-repository';
import { RecipientRepository } from './data/recipient-repository';
import { ReminderRepository } from './data/reminder-repository';

export interface NotificationsDependencies {
  notifications: NotificationRepository;
  recipients: RecipientRepository;
  reminders: ReminderRepository;
  /** Email to send, written in the transaction of the notification it tells of; the relay sends it. */
  outbox: Outbox;
  mail: MailTransport;
  /** Runs `work` in one database transaction. */
  transaction: <T>(work: (tx: pg.PoolClient) => Promise<T>) => Promise<T>;
  resolveKey: PublicKeyResolver;
  tokens: TokenSettings;
  /** The web app's address (links in email) and the domain of message ids. */
  site: { publicUrl: string; domain: string };
  /** The current time; tests move it to make reminders due. */
  now: () => Date;
}

export function createDependencies(
  pool: pg.Pool,
  options: {
    resolveKey: PublicKeyResolver;
    tokens: TokenSettings;
    mail: MailTransport;
    publicUrl: string;
    now?: () => Date;
  },
): NotificationsDependencies {
  return {
    notifications: new NotificationRepository(pool),
    recipients: new RecipientRepository(pool),
    reminders: new ReminderRepository(),
    outbox: new Outbox(pool),
    mail: options.mail,
    transaction: (work) => withTransaction(pool, work),
    resolveKey: options.resolveKey,
    tokens: options.tokens,
    site: { publicUrl: options.publicUrl, domain: new URL(options.publicUrl).hostname },
    now: options.now ?? (() => new Date()),
  };
}
