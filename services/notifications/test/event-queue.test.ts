// The AWS path of the platform's events: producers' relays put them on EventBridge, a rule fills the notifications
// queue, the consumer applies them to the real database. EventBridge and SQS have no local equivalent, so they are
// stood in for at the SDK client boundary: the bus stand-in hands each entry to the queue stand-in as the rule's
// SQS target would (the whole EventBridge event as the message body); the queue keeps visibility and receive counts.
import { randomUUID } from 'node:crypto';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { createLogger, eventBusDelivery, type EventBusClient, type OutboundEvent } from '@tutoring-platform/shared';
import { startUsersTestServer, type UsersTestServer } from '@tutoring-platform/users/testing';
import { applyEvent } from '../src/http/events-router';
import { bookingChange } from './booking-change';
import { EventQueueConsumer, type QueueClient } from '../src/queue/event-queue';
import { startNotificationsTestServer, type NotificationsTestServer } from '../src/testing/notifications-test-server';

/** SQS as the consumer sees it: messages hidden for 30 s once received, deleted by receipt handle. */
class QueueStandIn implements QueueClient {
  readonly messages: Array<{ body: string; handle: string; visibleAt: number; receives: number }> = [];
  readonly visibilityChanges: number[] = [];

  push(body: string) {
    this.messages.push({ body, handle: randomUUID(), visibleAt: 0, receives: 0 });
  }

  /** Every message visible again, as if its visibility timeout had passed. */
  timeoutsPass() {
    for (const m of this.messages) m.visibleAt = 0;
  }

  async send(command: ReceiveMessageCommand | DeleteMessageCommand | ChangeMessageVisibilityCommand): Promise<{ Messages?: Message[] }> {
    if (command instanceof ReceiveMessageCommand) {
      const visible = this.messages.filter((m) => m.visibleAt <= Date.now()).slice(0, command.input.MaxNumberOfMessages ?? 1);
      for (const m of visible) {
        m.visibleAt = Date.now() + 30_000;
        m.receives++;
      }
      return {
        Messages: visible.map((m) => ({
          MessageId: m.handle,
          ReceiptHandle: m.handle,
          Body: m.body,
          Attributes: { ApproximateReceiveCount: String(m.receives) },
        })),
      };
    }
    const at = this.messages.findIndex((m) => m.handle === command.input.ReceiptHandle);
    if (command instanceof DeleteMessageCommand) this.messages.splice(at, 1);
    else {
      this.visibilityChanges.push(command.input.VisibilityTimeout!);
      this.messages[at]!.visibleAt = Date.now() + command.input.VisibilityTimeout! * 1000;
    }
    return {};
  }
}

/** EventBridge with one rule: every entry goes to `queue`, unless the bus is set to refuse. */
function busInto(queue: QueueStandIn, answer: 'accept' | 'refuse' | 'unreachable' = 'accept'): EventBusClient {
  return {
    async send(command: PutEventsCommand) {
      if (answer === 'unreachable') throw new Error('connect ETIMEDOUT events.eu-west-1.amazonaws.com');
      if (answer === 'refuse')
        return { FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] };
      for (const entry of command.input.Entries ?? []) {
        queue.push(
          JSON.stringify({
            version: '0',
            id: randomUUID(),
            'detail-type': entry.DetailType,
            source: entry.Source,
            account: '111111111111',
            time: new Date().toISOString(),
            region: 'eu-west-1',
            resources: [],
            detail: JSON.parse(entry.Detail!),
          }),
        );
      }
      return { FailedEntryCount: 0, Entries: [{ EventId: randomUUID() }] };
    },
  };
}

let users: UsersTestServer;
let notifications: NotificationsTestServer;
beforeAll(async () => {
  users = await startUsersTestServer();
  notifications = await startNotificationsTestServer({ users });
});
afterAll(async () => {
  await notifications.close();
  await users.close();
});

const logger = createLogger('event-queue-test', 'silent');
const consumerOf = (queue: QueueStandIn) =>
  new EventQueueConsumer(
    queue,
    'https://sqs.eu-west-1.amazonaws.com/111111111111/events',
    (caller, e) => applyEvent(notifications.deps, caller, e),
    logger,
    {
      waitSeconds: 0,
    },
  );
/** Ids far above the ones the run's real outboxes hand out, so the inbox of applied events never confuses the two. */
const eventId = () => 9_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
const event = (type: string, data: Record<string, unknown>): OutboundEvent => ({
  id: eventId(),
  type,
  time: new Date().toISOString(),
  data,
});

describe('the events queue in AWS', () => {
  it('when users and groups put events on the bus, then each is applied once from the queue and deleted; a repeat changes nothing', async () => {
    const queue = new QueueStandIn();
    const userId = randomUUID();
    const groupId = randomUUID();
    const account = event('account-changed', { userId, email: `q-${userId}@example.test`, displayName: 'Quinn Queue', timezone: 'UTC' });
    const promoted = event('waitlist-promoted', { groupId, groupName: 'Queue theory', userId });
    expect(await eventBusDelivery(busInto(queue), 'platform-events', 'users')(account)).toEqual({ outcome: 'delivered' });
    expect(await eventBusDelivery(busInto(queue), 'platform-events', 'groups')(promoted)).toEqual({ outcome: 'delivered' });

    const consumer = consumerOf(queue);
    expect(await consumer.receiveOnce()).toBe(2);
    expect(queue.messages).toEqual([]);
    const inbox = await notifications.deps.notifications.listFor(userId, 10);
    expect(inbox.map((n) => [n.type, n.title, n.link])).toEqual([
      ['group-membership', 'You have a place in Queue theory', `/groups/${groupId}`],
    ]);

    // delivered again (the relay lost the bus's answer): taken off the queue, no second notice
    await eventBusDelivery(busInto(queue), 'platform-events', 'groups')(promoted);
    expect(await consumer.receiveOnce()).toBe(1);
    expect(queue.messages).toEqual([]);
    expect(await notifications.deps.notifications.listFor(userId, 10)).toHaveLength(1);
  });

  it('when a message is not an event, names an unknown source, or a service reports what is not its own, then it stays for the dead-letter queue', async () => {
    const queue = new QueueStandIn();
    queue.push('not json');
    queue.push(
      JSON.stringify({
        source: 'someone.else',
        detail: { id: eventId(), source: 'users', type: 'account-changed', time: new Date().toISOString(), data: {} },
      }),
    );
    // groups may not say who an account is: only users may
    const userId = randomUUID();
    await eventBusDelivery(
      busInto(queue),
      'platform-events',
      'groups',
    )(event('account-changed', { userId, email: `x-${userId}@example.test`, displayName: 'Mallory', timezone: 'UTC' }));
    const consumer = consumerOf(queue);
    expect(await consumer.receiveOnce()).toBe(0);
    queue.timeoutsPass();
    expect(await consumer.receiveOnce()).toBe(0);
    expect(queue.messages.map((m) => m.receives)).toEqual([2, 2, 2]);
    expect(await notifications.deps.recipients.findMany([userId])).toEqual(new Map());
  });

  it('when a booking names people not known yet, then its message comes back within seconds, not after the visibility timeout', async () => {
    const queue = new QueueStandIn();
    const start = new Date(Date.now() + 86_400_000);
    await eventBusDelivery(busInto(queue), 'platform-events', 'tutoring')(event('booking-changed', bookingChange(start)));
    expect(await consumerOf(queue).receiveOnce()).toBe(0);
    expect(queue.visibilityChanges).toEqual([2]);
    expect(queue.messages).toHaveLength(1);
  });

  it('when EventBridge refuses the entry or cannot be reached, then the relay keeps the event to try again', async () => {
    const queue = new QueueStandIn();
    const e = event('waitlist-promoted', { groupId: randomUUID(), groupName: 'Never', userId: randomUUID() });
    expect(await eventBusDelivery(busInto(queue, 'refuse'), 'platform-events', 'groups')(e)).toEqual({
      outcome: 'retry',
      reason: 'EventBridge refused the entry: ThrottlingException Rate exceeded',
    });
    expect(await eventBusDelivery(busInto(queue, 'unreachable'), 'platform-events', 'groups')(e)).toEqual({
      outcome: 'retry',
      reason: 'connect ETIMEDOUT events.eu-west-1.amazonaws.com',
    });
    expect(queue.messages).toEqual([]);
  });
});
