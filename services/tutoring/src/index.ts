// Boot: the shared service runner, plus the sweep that marks unanswered booking requests expired.
import path from 'node:path';
import { openPostgres } from '@tutoring-platform/postgres';
import { jwksKeyResolver, polledRevocations, revocationsBeside, runService } from '@tutoring-platform/shared';
import { createApp } from './app';
import { httpUsersDirectory } from './clients/users-directory';
import { loadTutoringConfig } from './config';
import { httpGroupSessions } from './clients/group-sessions';
import { createDependencies } from './dependencies';

export const migrationsDir = path.join(__dirname, '..', 'migrations');

if (require.main === module) {
  runService({
    name: 'tutoring',
    loadConfig: () => loadTutoringConfig(),
    open: openPostgres(migrationsDir),
    start: async ({ config, store: pool, logger, settings }) => {
      const deps = createDependencies(pool, {
        resolveKey: jwksKeyResolver(config.JWKS_URL),
        tokens: {
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          revocations: polledRevocations(revocationsBeside(config.JWKS_URL), config.REVOCATION_POLL_MS),
        },
        users: httpUsersDirectory(config.USERS_API_URL),
        groupSessions: httpGroupSessions(config.GROUPS_API_URL, logger),
        pendingExpiryHours: config.PENDING_EXPIRY_HOURS,
      });
      // Reads already treat overdue requests as expired; the sweep makes the stored status say so too.
      const sweep = setInterval(() => {
        deps.bookings.expireStale().then(
          (expired) => expired > 0 && logger.info({ expired }, 'expired unanswered booking requests'),
          (err: unknown) => logger.warn({ err }, 'expiry sweep failed'),
        );
      }, config.EXPIRY_SWEEP_SECONDS * 1000);
      sweep.unref();
      const app = createApp(deps, settings);
      return { app, close: async () => clearInterval(sweep) };
    },
  });
}
