// A circuit breaker per store: once most recent calls failed because the store is down or stalled, calls answer 503
// at once instead of each waiting out its timeout. Every `resetMs` one call probes the store (the others still fail
// fast); its success closes the breaker, so recovery follows the store's return within about `resetMs`.
import CircuitBreaker from 'opossum';
import { AppError } from './errors';
import type { Logger } from './logger';

export interface BreakerSettings {
  /** How long the breaker stays open before one call probes the store. @default 1000 */
  resetMs?: number;
  /**
   * Calls within the 1 s window before the breaker may open at all; as many outage failures in a row open it
   * whatever the window holds. @default 3
   */
  volume?: number;
  /** The share of failed calls in the window that opens it. @default 50 */
  failurePercentage?: number;
}

export type DependencyGuard = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Guards calls to `store`. Only errors `isOutage` recognises count as failures: a unique violation or a failed
 * condition is the store working. Opening and closing are logged (`breaker opened` / `breaker closed`, with the
 * store), which the CDK app turns into a metric and an alarm.
 */
export function dependencyGuard(
  store: string,
  isOutage: (err: unknown) => boolean,
  logger: Logger,
  settings: BreakerSettings = {},
): DependencyGuard {
  const volume = settings.volume ?? 3;
  const breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
    timeout: false,
    resetTimeout: settings.resetMs ?? 1_000,
    volumeThreshold: volume,
    errorThresholdPercentage: settings.failurePercentage ?? 50,
    // Shorter than any bound: by the time the first calls of a stall time out, the successes from before it have
    // left the window and cannot outvote them.
    rollingCountTimeout: 1_000,
    rollingCountBuckets: 10,
    errorFilter: (err: unknown) => !isOutage(err),
  });
  // A quiet service never starts `volume` calls within one window while each failing call waits out its bound of a
  // second or two, so the window alone would keep it closed through a whole outage: a run of failures opens it too.
  let failuresInARow = 0;
  breaker.on('success', () => {
    failuresInARow = 0;
  });
  breaker.on('failure', () => {
    failuresInARow += 1;
    if (failuresInARow >= volume) breaker.open();
  });
  breaker.on('open', () => logger.error({ store, breaker: 'open' }, 'breaker opened'));
  breaker.on('halfOpen', () => logger.info({ store, breaker: 'half-open' }, 'breaker probing'));
  breaker.on('close', () => logger.warn({ store, breaker: 'closed' }, 'breaker closed'));
  const unavailable = () =>
    new AppError('dependency-unavailable', 503, `The ${store} is unavailable; try again shortly`, undefined, { 'Retry-After': '1' });
  return async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return (await breaker.fire(work)) as T;
    } catch (err) {
      if ((err as { code?: string }).code === 'EOPENBREAKER') throw unavailable();
      throw err;
    }
  };
}
