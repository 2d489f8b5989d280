// The transactional outbox and inbox. A change that another service must hear about writes an event in the same
// transaction (`Outbox.add`), so the event exists exactly when the change does. A relay delivers it at least once,
// with backoff, in order per key; the receiver's inbox (`Inbox.firstDelivery`) makes a repeat change nothing.
// Each service keeps both tables in its own schema (see its migrations); the relay is `OutboxRelay` (shared).
import type pg from 'pg';
import type { ClaimedEvent, OutboxStore } from '@tutoring-platform/shared';
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

export class Outbox implements OutboxStore {
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

  async claim(destinations: string[], limit: number, leaseMs: number): Promise<ClaimedEvent[]> {
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

  async settle(event: ClaimedEvent, outcome: 'delivered' | 'rejected', reason?: string): Promise<void> {
    await this.db.query('UPDATE outbox SET settled_at = now(), outcome = $2, last_error = $3, leased_until = NULL WHERE id = $1', [
      event.id,
      outcome,
      reason ?? null,
    ]);
  }

  async postpone(event: ClaimedEvent, delayMs: number, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3, leased_until = NULL WHERE id = $1`,
      [event.id, delayMs, reason],
    );
  }

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
