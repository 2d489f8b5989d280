// The transactional outbox and inbox. A change that another service must hear about writes an event in the same
// transaction (`Outbox.add`), so the event exists exactly when the change does. A relay delivers it at least once,
// with backoff, in order per key; the receiver's inbox (`Inbox.firstDelivery`) makes a repeat change nothing.
// Each service keeps both tables in its own schema (see its migrations).
import type pg from 'pg';
import type { Deliver, Logger, OutboundEvent } from '@tutoring-platform/shared';
import type { Queryable } from './database';

export interface NewEvent {
  /** The peer service that receives it. */
  destination: string;
  /** Events with one key reach their destination in the order they were written; a later one waits for an earlier
   * to the same destination (one destination being down never holds up another). */
  key: string;
  type: string;
  data: Record<string, unknown>;
}

interface ClaimedRow {
  id: string;
  destination: string;
  type: string;
  data: Record<string, unknown>;
  created_at: Date;
  attempts: number;
}

export class Outbox {
  constructor(private readonly db: pg.Pool) {}

  /** Writes an event; call it with the transaction that makes the change. */
  async add(q: Queryable, event: NewEvent): Promise<void> {
    await q.query('INSERT INTO outbox (destination, key, type, data) VALUES ($1, $2, $3, $4)', [
      event.destination,
      event.key,
      event.type,
      JSON.stringify(event.data),
    ]);
  }

  /**
   * Leases up to `limit` events for `destinations` that are due, each the oldest unsettled one of its key, for
   * `leaseMs`: other relays (other tasks of the service) skip them meanwhile, and take them over if this one dies
   * before settling them.
   */
  async claim(
    destinations: string[],
    limit: number,
    leaseMs: number,
  ): Promise<Array<OutboundEvent & { destination: string; attempts: number }>> {
    const { rows } = await this.db.query<ClaimedRow>(
      `UPDATE outbox SET leased_until = now() + $2 * interval '1 millisecond', attempts = attempts + 1
       WHERE id IN (
         SELECT o.id FROM outbox o
         WHERE o.settled_at IS NULL AND o.destination = ANY($3::text[]) AND o.next_attempt_at <= now()
           AND (o.leased_until IS NULL OR o.leased_until < now())
           AND NOT EXISTS (
             SELECT 1 FROM outbox e WHERE e.destination = o.destination AND e.key = o.key AND e.id < o.id AND e.settled_at IS NULL)
         ORDER BY o.id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, destination, type, data, created_at, attempts`,
      [limit, leaseMs, destinations],
    );
    return rows
      .map((r) => ({
        id: Number(r.id),
        destination: r.destination,
        type: r.type,
        time: r.created_at.toISOString(),
        data: r.data,
        attempts: r.attempts,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** Done with: delivered, or rejected for good (kept with the reason). */
  async settle(id: number, outcome: 'delivered' | 'rejected', reason: string | null = null): Promise<void> {
    await this.db.query('UPDATE outbox SET settled_at = now(), outcome = $2, last_error = $3, leased_until = NULL WHERE id = $1', [
      id,
      outcome,
      reason,
    ]);
  }

  /** Not delivered this time: tried again after `delayMs`. */
  async postpone(id: number, delayMs: number, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3, leased_until = NULL WHERE id = $1`,
      [id, delayMs, reason],
    );
  }

  /** Forgets settled events older than `days`. */
  async prune(days: number): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM outbox WHERE settled_at < now() - $1 * interval '1 day'`, [days]);
    return rowCount ?? 0;
  }
}

export class Inbox {
  /**
   * Records that `source`'s event `id` arrived; true the first time, false for a repeat. Call it in the transaction
   * that applies the event, so the event is applied exactly once however often it is delivered.
   */
  static async firstDelivery(q: Queryable, source: string, id: number): Promise<boolean> {
    const { rowCount } = await q.query('INSERT INTO inbox (source, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [source, id]);
    return rowCount === 1;
  }
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
    private readonly outbox: Outbox,
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

  private async deliverOne(event: OutboundEvent & { destination: string; attempts: number }): Promise<boolean> {
    const result = await this.destinations[event.destination]!(event);
    const log = { eventId: event.id, type: event.type, destination: event.destination, attempts: event.attempts };
    if (result.outcome === 'delivered') {
      await this.outbox.settle(event.id, 'delivered');
      return true;
    }
    if (result.outcome === 'rejected') {
      this.logger.error({ ...log, reason: result.reason }, 'event rejected by its destination; set aside');
      await this.outbox.settle(event.id, 'rejected', result.reason);
      return true;
    }
    const { retryBaseMs, retryMaxMs } = this.settings;
    const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(event.attempts - 1, 20));
    // log the 1st, 2nd, 4th, 8th... failure of an event, not every one
    if ((event.attempts & (event.attempts - 1)) === 0)
      this.logger.warn({ ...log, reason: result.reason }, 'event delivery failed; will retry');
    await this.outbox.postpone(event.id, ceiling / 2 + Math.random() * (ceiling / 2), result.reason);
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
