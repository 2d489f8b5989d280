// The real users, tutoring and groups services, each on its own port, with both outbox relays running: for tests of
// group sessions with a tutor, where groups books through tutoring and tutoring tells groups what became of it.
import type { Server } from 'node:http';
import request from 'supertest';
import { portOf, startServer, stopServer } from '@tutoring-platform/shared';
import { startTutoringTestServer, type TutoringTestServer } from '@tutoring-platform/tutoring/testing';
import { startUsersTestServer, type UsersTestServer } from '@tutoring-platform/users/testing';
import { httpTutoringSessions } from '../src/clients/tutoring-sessions';
import { auth, createTestContext, type TestAccount, type TestContext } from './support';

export interface Platform {
  users: UsersTestServer;
  tutoring: TutoringTestServer;
  ctx: TestContext;
  /** A tutor teaching `courseId`, open around the clock, hour-long sessions, groups of up to 6. */
  tutor: TestAccount;
  courseId: string;
  /** Calls the tutoring service's API as `who`; throws on an error answer. */
  call(path: string, who: TestAccount, method: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Another tutor like `tutor`, who answers each request by hand when `autoAccept` is false. */
  newTutor(options: { autoAccept: boolean }): Promise<TestAccount>;
  /** A group of its owner and `count` members, and the start of an open slot of `tutorId` `hoursAhead` from now. */
  setting(
    count: number,
    hoursAhead: number,
    tutorId?: string,
  ): Promise<{ owner: TestAccount; groupId: string; members: TestAccount[]; start: string }>;
  bookTutor(groupId: string, who: TestAccount, start: string, key: string, extra?: Record<string, unknown>): request.Test;
  /** The groups service stops listening (its relay peers see connection refused) until `startGroups`. */
  stopGroups(): Promise<void>;
  startGroups(): Promise<void>;
  close(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const users = await startUsersTestServer();
  const ctx = await createTestContext({ users });
  let groupsServer: Server | undefined = await startServer(ctx.app, 0, '127.0.0.1');
  const groupsPort = portOf(groupsServer);
  const tutoring = await startTutoringTestServer({ users, groupsApiUrl: `http://127.0.0.1:${groupsPort}/api/groups` });
  ctx.deps.tutoring = httpTutoringSessions(tutoring.baseUrl);
  users.relayTo({ tutoring: tutoring.baseUrl });

  const call = async (path: string, who: TestAccount, method: string, body?: unknown) => {
    const res = await fetch(`${tutoring.baseUrl}${path}`, {
      method,
      headers: { ...auth(who), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  const admin = await users.signUpAdmin();
  const course = await call('/courses', admin, 'POST', {
    code: `GS-${process.pid % 1000}-${Date.now() % 1_000_000}`,
    title: 'Group sessions 101',
    subject: 'Maths',
  });
  const courseId = course.id as string;
  const newTutor = async ({ autoAccept }: { autoAccept: boolean }) => {
    const tutor = await users.signUp('Tomas Tutor');
    await call('/tutors/me', tutor, 'PUT', {
      headline: 'Groups welcome',
      languages: ['en'],
      courseIds: [courseId],
      online: { meetingLink: 'https://meet.example.test/tomas' },
      sessionLengths: [60],
      maxGroupSize: 6,
      autoAccept,
    });
    await call(`/tutors/${tutor.id}/courses/${courseId}/approval`, admin, 'POST', { decision: 'approve' });
    await call('/tutors/me/availability', tutor, 'PUT', {
      timezone: 'UTC',
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
      minNoticeMinutes: 0,
    });
    return tutor;
  };
  const tutor = await newTutor({ autoAccept: true });

  return {
    users,
    tutoring,
    ctx,
    tutor,
    courseId,
    call,
    newTutor,
    async setting(count, hoursAhead, tutorId = tutor.id) {
      const owner = await users.signUp('Olga Organizer');
      const group = (
        await request(ctx.app)
          .post('/api/groups')
          .set(auth(owner))
          .send({ name: 'Calculus crew', course: 'MATH101', subject: 'Maths', capacity: 10 })
      ).body as { id: string };
      const members: TestAccount[] = [];
      for (let i = 0; i < count; i++) {
        const who = await users.signUp();
        await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who));
        members.push(who);
      }
      const from = new Date(Date.now() + hoursAhead * 3_600_000);
      const to = new Date(from.getTime() + 6 * 3_600_000);
      const slots = await call(
        `/tutors/${tutorId}/slots?courseId=${courseId}&length=60&from=${from.toISOString()}&to=${to.toISOString()}`,
        owner,
        'GET',
      );
      const start = (slots.slots as Array<{ start: string }>)[0]!.start;
      return { owner, groupId: group.id, members, start };
    },
    bookTutor: (groupId, who, start, key, extra = {}) =>
      request(ctx.app)
        .post(`/api/groups/${groupId}/tutor-sessions`)
        .set(auth(who))
        .set('Idempotency-Key', key)
        .send({ tutorId: tutor.id, courseId, start, length: 60, timezone: 'Europe/Madrid', title: 'Limits with Tomas', ...extra }),
    async stopGroups() {
      if (groupsServer) await stopServer(groupsServer, 1000);
      groupsServer = undefined;
    },
    async startGroups() {
      groupsServer ??= await startServer(ctx.app, groupsPort, '127.0.0.1');
    },
    async close() {
      await tutoring.close();
      if (groupsServer) await stopServer(groupsServer, 1000);
      await ctx.close();
      await users.close();
    },
  };
}
