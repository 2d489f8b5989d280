// Composition root: builds the repositories and domain services one process (or one test) uses.
import type pg from 'pg';
import { Outbox, withTransaction } from '@tutoring-platform/postgres';
import { polledRevocations, type Revocations } from '@tutoring-platform/shared';
import { clientSecrets, type UsersConfig } from './config';
import { EmailVerificationRepository } from './data/email-verification-repository';
import { LoginAttemptRepository } from './data/login-attempt-repository';
import { PasswordResetRepository } from './data/password-reset-repository';
import { SessionRepository } from './data/session-repository';
import { TwoFactorRepository } from './data/two-factor-repository';
import { UserRepository } from './data/user-repository';
import { AccessTokenIssuer } from './domain/access-tokens';
import { authenticatorKeys, type AuthenticatorKeys } from './domain/authenticator-keys';
import { PasswordHasher } from './domain/passwords';

export interface UsersDependencies {
  users: UserRepository;
  sessions: SessionRepository;
  loginAttempts: LoginAttemptRepository;
  passwordResets: PasswordResetRepository;
  emailVerifications: EmailVerificationRepository;
  twoFactor: TwoFactorRepository;
  /** Seals authenticator keys before they are stored, and opens them to check a code. */
  authenticatorKeys: AuthenticatorKeys;
  passwords: PasswordHasher;
  tokens: AccessTokenIssuer;
  /** Events for other services, written in the transaction of the change they report. */
  outbox: Outbox;
  /** Runs `work` in one database transaction. */
  transaction: <T>(work: (tx: pg.PoolClient) => Promise<T>) => Promise<T>;
  /** Service clients' secrets by client name, for `POST /service-tokens`. */
  serviceClients: Map<string, string>;
  /** Suspended accounts whose access tokens no longer count, as published to the other services. */
  revocations: Revocations & { withinMs: number };
  sessionPolicy: { idleMs: number; absoluteMs: number; graceMs: number };
  loginPolicy: { maxFailuresPerAccount: number; maxFailuresPerClient: number };
}

const day = 24 * 60 * 60 * 1000;

export function createDependencies(config: UsersConfig, pool: pg.Pool): UsersDependencies {
  const users = new UserRepository(pool);
  // as long as an access token issued before the suspension can live, and a minute more
  const withinMs = config.ACCESS_TOKEN_TTL_SECONDS * 1000 + 60_000;
  return {
    users,
    revocations: { ...polledRevocations(() => users.suspendedSince(withinMs), config.REVOCATION_POLL_MS), withinMs },
    sessions: new SessionRepository(pool),
    outbox: new Outbox(pool),
    transaction: (work) => withTransaction(pool, work),
    serviceClients: clientSecrets(config),
    loginAttempts: new LoginAttemptRepository(pool, config.LOGIN_FAILURE_WINDOW_MINUTES),
    passwordResets: new PasswordResetRepository(pool),
    emailVerifications: new EmailVerificationRepository(pool),
    twoFactor: new TwoFactorRepository(pool),
    authenticatorKeys: authenticatorKeys(config.TOTP_ENCRYPTION_KEY),
    passwords: new PasswordHasher({
      memoryCost: config.PASSWORD_MEMORY_KIB,
      timeCost: config.PASSWORD_TIME_COST,
      parallelism: config.PASSWORD_PARALLELISM,
    }),
    tokens: new AccessTokenIssuer(config.JWT_PRIVATE_KEY, config.JWT_RETIRED_KEYS, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
    sessionPolicy: {
      idleMs: config.REFRESH_IDLE_DAYS * day,
      absoluteMs: config.REFRESH_ABSOLUTE_DAYS * day,
      graceMs: config.REFRESH_GRACE_SECONDS * 1000,
    },
    loginPolicy: { maxFailuresPerAccount: config.LOGIN_MAX_FAILURES, maxFailuresPerClient: config.LOGIN_MAX_FAILURES_PER_CLIENT },
  };
}
