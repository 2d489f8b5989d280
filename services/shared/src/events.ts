// Events one service's outbox delivers to another's `POST <prefix>/events`: the envelope on the wire, the delivery
// over HTTP with a service token, and where that token comes from. What an event means belongs to the two services.
import { z } from 'zod';
import { PEER_TIMEOUT_DEFAULT_MS } from './config';

/** An event as it is stored in an outbox and sent: `id` grows with every event its source writes. */
export interface OutboundEvent {
  id: number;
  type: string;
  time: string;
  data: Record<string, unknown>;
}

/** The body of `POST <prefix>/events` for one event type: the receiver declares each type it takes with this. */
export const eventOf = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({
    id: z.number().int().positive(),
    source: z.string().min(1).max(40),
    type: z.literal(type),
    time: z.iso.datetime({ offset: true }),
    data,
  });

/**
 * `delivered`: the receiver took it (a repeat included). `rejected`: the receiver says it can never take it; it is
 * set aside and logged. `retry`: the receiver could not be reached or could not take it now.
 */
export type DeliveryOutcome = { outcome: 'delivered' } | { outcome: 'rejected' | 'retry'; reason: string };

export type Deliver = (event: OutboundEvent) => Promise<DeliveryOutcome>;

/** A service token for calls a service makes on its own behalf; `refresh` after a 401 forgets the cached one. */
export interface ServiceTokens {
  get(): Promise<string>;
  refresh(): void;
}

const tokenAnswer = z.object({ accessToken: z.string(), expiresIn: z.number().positive() });

/**
 * Tokens from the users service for a service client (`POST /service-tokens` with its client secret), reused until
 * a minute before they expire; concurrent callers share one request.
 */
export function clientCredentials(usersApiUrl: string, client: string, secret: string, timeoutMs = PEER_TIMEOUT_DEFAULT_MS): ServiceTokens {
  let cached: { token: string; renewAt: number } | undefined;
  let fetching: Promise<string> | undefined;
  const fetchToken = async () => {
    const res = await fetch(`${usersApiUrl}/service-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: client, clientSecret: secret }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`the users service answered ${res.status} for a service token`);
    const answer = tokenAnswer.parse(await res.json());
    cached = { token: answer.accessToken, renewAt: Date.now() + Math.max(0, answer.expiresIn - 60) * 1000 };
    return answer.accessToken;
  };
  return {
    async get() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      fetching ??= fetchToken().finally(() => {
        fetching = undefined;
      });
      return fetching;
    },
    refresh() {
      cached = undefined;
    },
  };
}

/** Statuses that will not change however often the same event is sent again. */
const permanent = new Set([400, 404, 409, 410, 413, 415, 422]);

/** Sends events from `source` to the peer whose API base URL is `peerApiUrl`. */
export function httpEventDelivery(peerApiUrl: string, source: string, tokens: ServiceTokens, timeoutMs = PEER_TIMEOUT_DEFAULT_MS): Deliver {
  return async (event) => {
    let res: Response;
    try {
      res = await fetch(`${peerApiUrl}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await tokens.get()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: event.id, source, type: event.type, time: event.time, data: event.data }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { outcome: 'retry', reason: (err as Error).message };
    }
    const body = await res.text().catch(() => '');
    if (res.ok) return { outcome: 'delivered' };
    if (res.status === 401) tokens.refresh();
    const reason = `${res.status} ${body.slice(0, 300)}`;
    return { outcome: permanent.has(res.status) ? 'rejected' : 'retry', reason };
  };
}
