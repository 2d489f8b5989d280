// Events for the platform's event consumer (the catalog's `eventBus`): in AWS they go onto an EventBridge bus, whose
// rule fills the consumer's SQS queue; locally, and wherever no bus is named, they are posted to its `/events`.
import { EventBridgeClient, PutEventsCommand, type PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import { eventBus, eventSource, type ServiceName } from './catalog';
import { env } from './config';
import { httpEventDelivery, type Deliver, type ServiceTokens } from './events';

/** A producer's settings for the bus: absent locally. */
export const eventBusConfigShape = {
  /** In AWS, the EventBridge bus that carries events to the consumer's queue; locally absent (events go over HTTP). */
  [eventBus.busVariable]: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).default('eu-west-1'),
  /** How long to wait for EventBridge to take an event. */
  EVENT_BUS_TIMEOUT_MS: env.int(5_000, 100),
};

/** The part of an EventBridge client a delivery uses (tests stand in for it at this boundary). */
export interface EventBusClient {
  send(
    command: PutEventsCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<Pick<PutEventsCommandOutput, 'FailedEntryCount' | 'Entries'>>;
}

/**
 * Puts each event on the bus with the producer's source; the envelope is the one `/events` takes. EventBridge keeps
 * what it accepts: accepted is delivered, an entry it refused or an unreachable bus is tried again.
 */
export function eventBusDelivery(client: EventBusClient, busName: string, source: ServiceName, timeoutMs = 5_000): Deliver {
  return async (event) => {
    try {
      const answer = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: busName,
              Source: eventSource(source),
              DetailType: event.type,
              Detail: JSON.stringify({ id: event.id, source, type: event.type, time: event.time, data: event.data }),
            },
          ],
        }),
        { abortSignal: AbortSignal.timeout(timeoutMs) },
      );
      if ((answer.FailedEntryCount ?? 0) === 0) return { outcome: 'delivered' };
      const entry = answer.Entries?.[0];
      return {
        outcome: 'retry',
        reason: `EventBridge refused the entry: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`.trim(),
      };
    } catch (err) {
      return { outcome: 'retry', reason: (err as Error).message };
    }
  };
}

/** How `source` reaches the event consumer: over the bus when the config names one, else over HTTP at `apiUrl`. */
export function deliveryToConsumer(
  config: { EVENT_BUS_NAME?: string | undefined; AWS_REGION: string; EVENT_BUS_TIMEOUT_MS: number; PEER_TIMEOUT_MS: number },
  source: ServiceName,
  http: { apiUrl: string; tokens: ServiceTokens },
): Deliver {
  return config.EVENT_BUS_NAME
    ? eventBusDelivery(new EventBridgeClient({ region: config.AWS_REGION }), config.EVENT_BUS_NAME, source, config.EVENT_BUS_TIMEOUT_MS)
    : httpEventDelivery(http.apiUrl, source, http.tokens, config.PEER_TIMEOUT_MS);
}
