import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import request from 'supertest';
import { createLogger } from '@tutoring-platform/shared';
import { createDynamoClient } from '../src/dependencies';
import { sendDueMeetingReminders } from '../src/domain/remind-meetings';
import { auth, createTestContext, type TestAccount, type TestContext } from './support';

const partition = `OUTBOX#${randomUUID()}`;
const db = createDynamoClient({
  region: 'eu-west-1',
  endpoint: process.env.TEST_DYNAMODB_ENDPOINT,
  logger: createLogger('test', 'silent'),
});
let ctx: TestContext;
let owner: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext({ outboxPartition: partition });
  owner = await ctx.users.signUp('Olga Owner');
});
afterAll(async () => {
  await ctx.close();
  db.destroy();
});

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

/** The reminder events written so far: what the notifications service is told. */
async function reminderEvents() {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: process.env.TEST_GROUPS_TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return Items.filter((e) => e.type === 'meeting-reminder').map((e) => e.data as Record<string, unknown>);
}

/** A group with a meeting `hours` ahead; one member going, one not. */
async function meetingIn(hours: number) {
  const group = (
    await request(ctx.app)
      .post('/api/groups')
      .set(auth(owner))
      .send({ name: `Calculus crew ${randomUUID().slice(0, 4)}`, course: 'MATH101', subject: 'Mathematics', capacity: 10 })
  ).body as { id: string; name: string };
  const [going, notGoing] = [await ctx.users.signUp('Gina Going'), await ctx.users.signUp('Nora Not')];
  for (const who of [going, notGoing]) await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who)).expect(200);
  const start = Date.now() + hours * HOUR;
  const meeting = (
    await request(ctx.app)
      .post(`/api/groups/${group.id}/meetings`)
      .set(auth(owner))
      .send({
        title: 'Limits',
        startsAt: at(start),
        endsAt: at(start + 2 * HOUR),
        timezone: 'Europe/Berlin',
        meetingLink: 'https://meet.example.test/limits',
      })
      .expect(201)
  ).body as { id: string; startsAt: string };
  const answer = (who: TestAccount, status: string) =>
    request(ctx.app).put(`/api/groups/${group.id}/meetings/${meeting.id}/rsvp`).set(auth(who)).send({ status }).expect(200);
  await answer(going, 'going');
  await answer(notGoing, 'not_going');
  return { group, meeting, start, going };
}

describe('reminders before group meetings', () => {
  it('when each is due, then the members going are reminded once, 24 hours and 1 hour ahead, even with two rounds at once', async () => {
    const { group, meeting, start, going } = await meetingIn(30);
    expect(await sendDueMeetingReminders(ctx.deps, new Date(start - 25 * HOUR))).toBe(0);
    const dayRounds = await Promise.all([
      sendDueMeetingReminders(ctx.deps, new Date(start - 24 * HOUR + 1000)),
      sendDueMeetingReminders(ctx.deps, new Date(start - 24 * HOUR + 1000)),
    ]);
    expect(dayRounds.sort()).toEqual([0, 1]);
    expect(await sendDueMeetingReminders(ctx.deps, new Date(start - 2 * HOUR))).toBe(0);
    expect(await sendDueMeetingReminders(ctx.deps, new Date(start - HOUR + 1000))).toBe(1);
    expect(await sendDueMeetingReminders(ctx.deps, new Date(start - 1000))).toBe(0);
    const common = {
      groupId: group.id,
      groupName: group.name,
      meetingId: meeting.id,
      title: 'Limits',
      startsAt: meeting.startsAt,
      place: 'https://meet.example.test/limits',
      attendeeIds: [going.id],
    };
    expect((await reminderEvents()).filter((e) => e.meetingId === meeting.id)).toEqual([
      expect.objectContaining({ ...common, kind: 'day' }),
      expect.objectContaining({ ...common, kind: 'hour' }),
    ]);
  });

  it('when a meeting moves, then its reminders move with it; when it is cancelled, none is sent', async () => {
    const moved = await meetingIn(30);
    const later = moved.start + 5 * HOUR;
    await request(ctx.app)
      .patch(`/api/groups/${moved.group.id}/meetings/${moved.meeting.id}`)
      .set(auth(owner))
      .send({ startsAt: at(later), endsAt: at(later + HOUR) })
      .expect(200);
    const cancelled = await meetingIn(30);
    await request(ctx.app)
      .post(`/api/groups/${cancelled.group.id}/meetings/${cancelled.meeting.id}/cancel`)
      .set(auth(owner))
      .send({ reason: 'Exam moved' })
      .expect(200);

    // when the old time's day reminder comes due, nothing is sent for either; at the new time's, the moved one is
    expect(await sendDueMeetingReminders(ctx.deps, new Date(moved.start - 24 * HOUR + 1000))).toBe(0);
    expect(await sendDueMeetingReminders(ctx.deps, new Date(later - 24 * HOUR + 1000))).toBe(1);
    const sent = await reminderEvents();
    expect(sent.filter((e) => e.meetingId === cancelled.meeting.id)).toEqual([]);
    expect(sent.filter((e) => e.meetingId === moved.meeting.id)).toEqual([
      expect.objectContaining({ kind: 'day', startsAt: at(later), attendeeIds: [moved.going.id] }),
    ]);
  });
});
