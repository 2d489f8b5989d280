// In AWS, the platform's events reach this service through its SQS queue, which an EventBridge rule fills from the
// bus: the same events, applied by the same code, as `POST /events` takes locally. A message is deleted once its
// event is applied (a repeat included); one that cannot be applied stays, to be received again after its
// visibility timeout, and after the queue's `maxReceiveCount` receipts SQS moves it to the dead-letter queue, whose
// alarm calls a person.
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { AppError, type Logger } from '@tutoring-platform/shared';
import { eventProducers, eventSource } from '@tutoring-platform/shared/catalog';
import { inboundEvent, type InboundEvent } from '../http/events-router';

/** The part of an SQS client the consumer uses (tests stand in for it at this boundary). */
export interface QueueClient {
  send(
    command: ReceiveMessageCommand | DeleteMessageCommand | ChangeMessageVisibilityCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<{ Messages?: Message[] }>;
}

/** An EventBridge event as the rule's SQS target delivers it; `source` is the one the producer's IAM allows. */
const busEvent = z.object({ source: z.string(), detail: z.unknown() });

const callerOf = (source: string) => eventProducers.find((service) => eventSource(service) === source)?.name;

export interface EventQueueSettings {
  /** Long polling: how long one receive waits for messages. @default 20 */
  waitSeconds?: number;
  /** @default 10 (the most SQS hands out at once) */
  batch?: number;
}

export class EventQueueConsumer {
  private stopped = true;
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private readonly settings: Required<EventQueueSettings>;

  constructor(
    private readonly sqs: QueueClient,
    private readonly queueUrl: string,
    private readonly apply: (caller: string, event: InboundEvent) => Promise<unknown>,
    private readonly logger: Logger,
    settings: EventQueueSettings = {},
  ) {
    this.settings = { waitSeconds: 20, batch: 10, ...settings };
  }

  start(): void {
    this.stopped = false;
    this.running = this.loop();
  }

  /** Stops at once (an open long poll is abandoned: its messages, if any, come back after their visibility timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.receiveOnce();
      } catch (err) {
        if (this.stopped) return;
        this.logger.warn({ err }, 'reading the events queue failed; trying again');
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  /** One receive: applies what came and deletes what was applied; how many were applied. */
  async receiveOnce(): Promise<number> {
    this.abort = new AbortController();
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: this.settings.batch,
        WaitTimeSeconds: this.settings.waitSeconds,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
      { abortSignal: this.abort.signal },
    );
    const applied = await Promise.all(Messages.map((message) => this.handle(message)));
    return applied.filter(Boolean).length;
  }

  private async handle(message: Message): Promise<boolean> {
    const log = { messageId: message.MessageId, receiveCount: message.Attributes?.ApproximateReceiveCount };
    let caller: string | undefined;
    let event: InboundEvent;
    try {
      const envelope = busEvent.parse(JSON.parse(message.Body ?? ''));
      caller = callerOf(envelope.source);
      event = inboundEvent.parse(envelope.detail);
    } catch (err) {
      this.logger.error({ ...log, err }, 'an events queue message is not an event this service takes; it goes to the dead-letter queue');
      return false;
    }
    if (!caller) {
      this.logger.error({ ...log }, 'an event from an unknown source; it goes to the dead-letter queue');
      return false;
    }
    try {
      await this.apply(caller, event);
    } catch (err) {
      if (err instanceof AppError && err.httpStatus === 503) {
        // not yet (a booking's accounts not known): back soon, not after the whole visibility timeout
        const seconds = Number(err.headers?.['Retry-After'] ?? 5);
        await this.sqs.send(
          new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: seconds }),
        );
        return false;
      }
      this.logger.error(
        { ...log, eventId: event.id, type: event.type, err },
        'an event from the queue could not be applied; it will come again',
      );
      return false;
    }
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.ReceiptHandle }));
    return true;
  }
}
