// The relay of a transactional outbox: it delivers each stored event to its destination at least once, with
// backoff, in order per key. Where the events are stored (PostgreSQL for users, tutoring and notifications,
// DynamoDB for groups) is the store's business: each writes its events in the transaction that makes the change.
import type { Deliver, OutboundEvent } from './events';
import type { Logger } from './logger';

/** An event leased to one relay: it is delivered, then settled or postponed. */
export interface ClaimedEvent extends OutboundEvent {
  destination: string;
  /** Deliveries tried so far, this one included. */
  attempts: number;
}

/** An outbox as the relay uses it; each store writes its own events. */
export interface OutboxStore {
  /**
   * Leases up to `limit` due events for `destinations`, each the oldest unsettled one of its key, for `leaseMs`:
   * other relays (other tasks of the service) skip them meanwhile, and take them over if this one dies before
   * settling them.
   */
  claim(destinations: string[], limit: number, leaseMs: number): Promise<ClaimedEvent[]>;
  /** Done with: delivered, or rejected for good (kept with the reason). */
  settle(event: ClaimedEvent, outcome: 'delivered' | 'rejected', reason?: string): Promise<void>;
  /** Not delivered this time: tried again after `delayMs`. */
  postpone(event: ClaimedEvent, delayMs: number, reason: string): Promise<void>;
  /** Forgets settled events older than `days`. */
  prune(days: number): Promise<number>;
}

export interface RelaySettings {
  /** How often to look for due events when there was nothing to do. @default 500 */
  pollMs?: number;
  /** The first retry's delay; each later one doubles, up to `retryMaxMs`, with jitter. @default 500 */
  retryBaseMs?: number;
  /** @default 30000 */
  retryMaxMs?: number;
  /** Events leased per round. @default 20 */
  batch?: number;
  /** Settled events are kept this long. @default 7 */
  keepDays?: number;
}

/** Delivers an outbox's events to their destinations (one `Deliver` per destination) until stopped. */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private lastPrune = 0;
  private readonly settings: Required<RelaySettings>;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly destinations: Readonly<Record<string, Deliver>>,
    private readonly logger: Logger,
    settings: RelaySettings = {},
  ) {
    this.settings = { pollMs: 500, retryBaseMs: 500, retryMaxMs: 30_000, batch: 20, keepDays: 7, ...settings };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the round in flight; what it leased and did not settle is leased again later. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round now: leases due events and delivers them; how many it settled. Tests and `start` use it. */
  async deliverDue(): Promise<number> {
    // a lease outlives the slowest delivery (10 s timeout) of a round
    const events = await this.outbox.claim(Object.keys(this.destinations), this.settings.batch, 30_000);
    const settled = await Promise.all(events.map((event) => this.deliverOne(event)));
    if (Date.now() - this.lastPrune > 3_600_000) {
      this.lastPrune = Date.now();
      await this.outbox.prune(this.settings.keepDays);
    }
    return settled.filter(Boolean).length;
  }

  private async deliverOne(event: ClaimedEvent): Promise<boolean> {
    const result = await this.destinations[event.destination]!(event);
    const log = { eventId: event.id, type: event.type, destination: event.destination, attempts: event.attempts };
    if (result.outcome === 'delivered') {
      await this.outbox.settle(event, 'delivered');
      return true;
    }
    if (result.outcome === 'rejected') {
      this.logger.error({ ...log, reason: result.reason }, 'event rejected by its destination; set aside');
      await this.outbox.settle(event, 'rejected', result.reason);
      return true;
    }
    const { retryBaseMs, retryMaxMs } = this.settings;
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(event.attempts - 1, 20));
    // log the 1st, 2nd, 4th, 8th... failure of an event, not every one
    if ((event.attempts & (event.attempts - 1)) === 0)
      this.logger.warn({ ...log, reason: result.reason }, 'event delivery failed; will retry');
    await this.outbox.postpone(event, ceiling / 2 + Math.random() * (ceiling / 2), result.reason);
    return false;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.deliverDue().then(
        // something settled: there may be more (the next of a key), so look again at once
        (settled) => this.schedule(settled > 0 ? 0 : this.settings.pollMs),
        (err: unknown) => {
          this.logger.warn({ err }, 'outbox relay round failed');
          this.schedule(this.settings.pollMs);
        },
      );
    }, delayMs);
    this.timer.unref();
  }
}
