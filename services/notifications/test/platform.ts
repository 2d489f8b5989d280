// The real users, tutoring, groups and notifications services, each on its own port, with every outbox relay running:
// the way a booking change, a group's news or a new account reaches the notifications service in production, through
// HTTP.
import pg from 'pg';
import { startGroupsTestServer, type GroupsTestServer } from '@tutoring-platform/groups/testing';
import { eventually, waitForMail } from '@tutoring-platform/testing';
import { startTutoringTestServer, type TutoringTestServer } from '@tutoring-platform/tutoring/testing';
import { startUsersTestServer, type TestAccount, type UsersTestServer } from '@tutoring-platform/users/testing';
import { startNotificationsTestServer, type NotificationsTestServer } from '../src/testing/notifications-test-server';

export type { TestAccount };

export interface Platform {
  users: UsersTestServer;
  tutoring: TutoringTestServer;
  groups: GroupsTestServer;
  notifications: NotificationsTestServer;
  /** Sets the notifications service's clock (reminders fall due by it); `reset` puts it back to real time. */
  clock: { set(instant: Date): void; reset(): void };
  /** Another instance of the notifications service on the same database and clock, as a second ECS task is; closed with the platform. */
  startInstance(): Promise<NotificationsTestServer>;
  /** A tutor teaching one approved course, open around the clock in UTC, who answers requests by hand. */
  newTutor(name?: string): Promise<{ tutor: TestAccount; courseId: string }>;
  /** The platform's administrator (approves courses, suspends accounts). */
  admin: TestAccount;
  /** Calls `service`'s API as `who`; throws on an error answer. */
  call(
    service: 'tutoring' | 'groups' | 'notifications',
    path: string,
    who: TestAccount | null,
    method?: string,
    body?: unknown,
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export const auth = (who: { accessToken: string }) => ({ authorization: `Bearer ${who.accessToken}` });

/**
 * The run's other suites share the users and tutoring databases, and their events for the notifications service
 * wait there undelivered (no other suite relays to it). They are set aside, so these tests' events are not queued
 * behind hundreds of strangers'.
 */
async function setAsideEarlierEvents(): Promise<void> {
  for (const variable of ['TEST_DATABASE_URL_USERS', 'TEST_DATABASE_URL_TUTORING']) {
    const client = new pg.Client({ connectionString: process.env[variable] });
    await client.connect();
    try {
      await client.query(
        `UPDATE outbox SET settled_at = now(), outcome = 'rejected', last_error = 'written before the notifications tests started'
         WHERE destination = 'notifications' AND settled_at IS NULL`,
      );
    } finally {
      await client.end();
    }
  }
}

export async function startPlatform(): Promise<Platform> {
  await setAsideEarlierEvents();
  const users = await startUsersTestServer();
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const notifications = await startNotificationsTestServer({ users, now });
  // nothing here books for a group: this tutoring neither calls the groups service nor relays the run's events to it
  const tutoring = await startTutoringTestServer({ users, notificationsApiUrl: notifications.baseUrl });
  const groups = await startGroupsTestServer({ users, notificationsApiUrl: notifications.baseUrl });
  users.relayTo({ tutoring: tutoring.baseUrl, notifications: notifications.baseUrl });

  const call: Platform['call'] = async (service, path, who, method = 'GET', body) => {
    const base = { tutoring: tutoring.baseUrl, groups: groups.baseUrl, notifications: notifications.baseUrl }[service];
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(who ? auth(who) : {}), 'content-type': 'application/json', 'idempotency-key': `k-${Math.random()}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  const admin = await users.signUpAdmin();
  const instances: NotificationsTestServer[] = [];
  const platform: Platform = {
    users,
    tutoring,
    groups,
    notifications,
    clock: {
      set(instant) {
        offsetMs = instant.getTime() - Date.now();
      },
      reset() {
        offsetMs = 0;
      },
    },
    admin,
    async startInstance() {
      const instance = await startNotificationsTestServer({ users, now });
      instances.push(instance);
      return instance;
    },
    call,
    async newTutor(name = 'Tara Tutor') {
      const tutor = await users.signUp(name);
      const course = await call('tutoring', '/courses', admin, 'POST', {
        code: `NT-${process.pid % 1000}-${Math.floor(Math.random() * 1e6)}`,
        title: 'Linear algebra',
        subject: 'Maths',
      });
      await call('tutoring', '/tutors/me', tutor, 'PUT', {
        headline: 'Patient peer tutor',
        languages: ['en'],
        courseIds: [course.id],
        online: { meetingLink: 'https://meet.example.test/tara' },
        sessionLengths: [60],
        autoAccept: false,
      });
      await call('tutoring', `/tutors/${tutor.id}/courses/${course.id}/approval`, admin, 'POST', { decision: 'approve' });
      // the approval is the tutor's first notification: its arrival, in the inbox and by email, comes before anything a test does
      await inboxWith(platform, tutor, 1);
      await waitForMail(tutor.email, 1);
      await call('tutoring', '/tutors/me/availability', tutor, 'PUT', {
        timezone: 'UTC',
        weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
        minNoticeMinutes: 0,
      });
      return { tutor, courseId: course.id as string };
    },
    async close() {
      await groups.close();
      await tutoring.close();
      for (const instance of instances) await instance.close();
      await notifications.close();
      await users.close();
    },
  };
  return platform;
}

export interface InboxItem {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
}

/** `who`'s notifications, newest first, and how many are unread. */
export async function inboxOf(platform: Platform, who: TestAccount): Promise<{ notifications: InboxItem[]; unread: number }> {
  return (await platform.call('notifications', '/notifications', who)) as unknown as { notifications: InboxItem[]; unread: number };
}

/** Waits until `who` has `count` notifications, and answers them. */
export const inboxWith = (platform: Platform, who: TestAccount, count: number) =>
  eventually(
    () => inboxOf(platform, who),
    (inbox) => inbox.notifications.length >= count,
  );
