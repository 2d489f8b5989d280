import { DateTime } from 'luxon';
import request from 'supertest';
import { sendDueMeetingReminders } from '@tutoring-platform/groups/testing';
import { eventually, mailSource, mailTo, waitForMail } from '@tutoring-platform/testing';
import { bookingChange } from './booking-change';
import { auth, inboxOf, inboxWith, startPlatform, type Platform, type TestAccount } from './platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterEach(() => platform.clock.reset());
afterAll(() => platform.close());

/** A student's request for the tutor's first open hour at least `hoursAhead` from now. */
async function requestSession(tutor: TestAccount, courseId: string, student: TestAccount, hoursAhead: number) {
  const from = new Date(Date.now() + hoursAhead * 3_600_000);
  const to = new Date(from.getTime() + 6 * 3_600_000);
  const { slots } = (await platform.call(
    'tutoring',
    `/tutors/${tutor.id}/slots?courseId=${courseId}&length=60&from=${from.toISOString()}&to=${to.toISOString()}`,
    null,
  )) as { slots: Array<{ start: string }> };
  const start = slots[0]!.start;
  const booking = await platform.call('tutoring', '/bookings', student, 'POST', { tutorId: tutor.id, courseId, start, length: 60 });
  return { id: booking.id as string, start, slots: slots.map((s) => s.start) };
}

describe('a booking request', () => {
  it('when a student requests a session, then the tutor finds it in the inbox and in their mail, written in their own zone', async () => {
    const { tutor, courseId } = await platform.newTutor('Tara Tutor');
    const student = await platform.users.signUp('Sam Student', 'Asia/Tokyo');
    await requestSession(tutor, courseId, student, 30);

    const inbox = await inboxWith(platform, tutor, 2);
    expect(inbox.unread).toBe(2);
    expect(inbox.notifications.map((n) => [n.type, n.title, n.read])).toEqual([
      ['booking-request', 'New session request from Sam Student', false],
      ['course-approval', expect.stringMatching(/^You can now tutor NT-\d+-\d+ Linear algebra$/), false],
    ]);
    expect(inbox.notifications[0]!.body).toMatch(/Linear algebra, \w{3} \d{1,2} \w{3}, \d\d:00–\d\d:00 \(UTC\)/);
    expect(inbox.notifications[0]!.link).toBe('/tutoring');
    expect((await inboxOf(platform, student)).notifications).toEqual([]);

    const mail = (await waitForMail(tutor.email, 2))[1];
    expect(mail?.subject).toBe('New session request from Sam Student');
    expect(mail?.text).toContain('Hi Tara Tutor,');
    expect(mail?.text).toContain('Open: http://localhost:8080/tutoring');
    expect(mail?.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const source = await mailSource(mail!.id);
    expect(source).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:8080\/api\/notifications\/unsubscribe\/[\w-]+\/booking-request>/);
    expect(source).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(source).toMatch(/Content-Type: text\/plain/);
    expect(source).toMatch(/Content-Type: text\/html/);
    expect(await mailTo(student.email)).toEqual([]);
  });

  it('when the tutor confirms, the student moves it and then cancels it, then both hear of each, each in their own zone', async () => {
    const { tutor, courseId } = await platform.newTutor('Tomas Tutor');
    const student = await platform.users.signUp('Sofia Student', 'America/New_York');
    const booking = await requestSession(tutor, courseId, student, 50);
    await inboxWith(platform, tutor, 2);

    await platform.call('tutoring', `/bookings/${booking.id}/confirm`, tutor, 'POST');
    const confirmed = await inboxWith(platform, student, 1);
    expect(confirmed.notifications[0]!.title).toBe('Session confirmed with Tomas Tutor');
    expect(confirmed.notifications[0]!.body).toContain('Join at: https://meet.example.test/tara');
    expect(confirmed.notifications[0]!.body).toMatch(/\((EST|EDT)\)/);
    expect((await inboxWith(platform, tutor, 3)).notifications[0]!.title).toBe('Session confirmed with Sofia Student');

    const moved = (await platform.call('tutoring', `/bookings/${booking.id}/reschedule`, student, 'POST', {
      start: booking.slots[2],
    })) as { id: string };
    const afterMove = await inboxWith(platform, student, 2);
    expect(afterMove.notifications[0]!.title).toBe('Session with Tomas Tutor moved');
    expect(afterMove.notifications[0]!.link).toBe(`/sessions/${moved.id}`);
    expect((await inboxWith(platform, tutor, 4)).notifications[0]!.title).toBe('Session with Sofia Student moved');

    await platform.call('tutoring', `/bookings/${moved.id}/cancel`, student, 'POST', { reason: 'Exam moved' });
    const cancelled = await inboxWith(platform, tutor, 5);
    expect(cancelled.notifications[0]!.title).toBe('Session with Sofia Student cancelled');
    expect(cancelled.notifications[0]!.body).toContain('Sofia Student cancelled it: “Exam moved”');
    expect((await inboxWith(platform, student, 3)).notifications[0]!.title).toBe('Session with Tomas Tutor cancelled');

    const mail = await waitForMail(student.email, 3);
    expect(mail.map((m) => m.subject)).toEqual([
      'Session confirmed with Tomas Tutor',
      'Session with Tomas Tutor moved',
      'Session with Tomas Tutor cancelled',
    ]);
    // the confirmation carries the session as an .ics file; the others do not
    const ics = (await mailSource(mail[0]!.id)).replace(/=\r?\n/g, '');
    expect(ics).toMatch(/Content-Type: text\/calendar; charset=utf-8; name=session\.ics/);
    const calendar = Buffer.from(/filename=session\.ics\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(ics)![1]!, 'base64').toString();
    expect(calendar).toContain(`UID:${booking.id}@tutoring-platform`);
    expect(calendar).toContain(`DTSTART:${booking.start.replace(/[-:]/g, '').replace('.000', '')}`);
    expect(calendar).toContain('LOCATION:https://meet.example.test/tara');
    expect(await mailSource(mail[1]!.id)).not.toContain('text/calendar');
  });
});

describe('reminders', () => {
  it('when a confirmed session is a day and then an hour away, then each party is reminded once, even with two instances polling', async () => {
    const { tutor, courseId } = await platform.newTutor('Rita Tutor');
    const student = await platform.users.signUp('Ravi Student', 'Europe/Madrid');
    const booking = await requestSession(tutor, courseId, student, 30);
    await platform.call('tutoring', `/bookings/${booking.id}/confirm`, tutor, 'POST');
    await inboxWith(platform, student, 1);
    const start = new Date(booking.start).getTime();
    const reminders = async (who: TestAccount) =>
      (await inboxOf(platform, who)).notifications.filter((n) => n.type === 'session-reminder').map((n) => n.title);

    platform.clock.set(new Date(start - 24 * 3_600_000 - 60_000));
    await platform.notifications.sendDueReminders();
    expect(await reminders(student)).toEqual([]);

    platform.clock.set(new Date(start - 24 * 3_600_000 + 1_000));
    const second = await platform.startInstance();
    const sent = await Promise.all([platform.notifications.sendDueReminders(), second.sendDueReminders()]);
    expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await reminders(student)).toEqual(['Tomorrow: session with Rita Tutor']);
    expect(await reminders(tutor)).toEqual(['Tomorrow: session with Ravi Student']);

    platform.clock.set(new Date(start - 3_600_000 + 1_000));
    await Promise.all([platform.notifications.sendDueReminders(), second.sendDueReminders(), platform.notifications.sendDueReminders()]);
    expect(await reminders(student)).toEqual(['In an hour: session with Rita Tutor', 'Tomorrow: session with Rita Tutor']);
    expect((await inboxOf(platform, student)).notifications[0]!.body).toMatch(
      /\(GMT\+[12]\)\.\nJoin at: https:\/\/meet\.example\.test\/tara$/,
    );
    const mail = await waitForMail(student.email, 3);
    expect(mail.map((m) => m.subject)).toEqual([
      'Session confirmed with Rita Tutor',
      'Tomorrow: session with Rita Tutor',
      'In an hour: session with Rita Tutor',
    ]);
  });

  it('when a session is cancelled or moved, then its reminders go with it', async () => {
    const { tutor, courseId } = await platform.newTutor('Carla Tutor');
    const student = await platform.users.signUp('Cem Student');
    const kept = await requestSession(tutor, courseId, student, 40);
    await platform.call('tutoring', `/bookings/${kept.id}/confirm`, tutor, 'POST');
    const dropped = await requestSession(tutor, courseId, student, 44);
    await platform.call('tutoring', `/bookings/${dropped.id}/confirm`, tutor, 'POST');
    await platform.call('tutoring', `/bookings/${dropped.id}/cancel`, student, 'POST', { reason: 'Ill' });
    // moved 5 hours later and confirmed again by the tutor
    const moved = (await platform.call('tutoring', `/bookings/${kept.id}/reschedule`, student, 'POST', { start: kept.slots[5] })) as {
      id: string;
      start: string;
    };
    await platform.call('tutoring', `/bookings/${moved.id}/confirm`, tutor, 'POST');
    await inboxWith(platform, student, 6);

    const reminders = async () =>
      (await inboxOf(platform, student)).notifications.filter((n) => n.type === 'session-reminder').map((n) => n.body);
    platform.clock.set(new Date(new Date(kept.start).getTime() - 24 * 3_600_000 + 1_000));
    await platform.notifications.sendDueReminders();
    expect(await reminders()).toEqual([]);
    platform.clock.set(new Date(new Date(moved.start).getTime() - 24 * 3_600_000 + 1_000));
    await platform.notifications.sendDueReminders();
    const movedTime = new Date(moved.start).toISOString().slice(11, 16);
    expect((await reminders()).map((body) => body.includes(`, ${movedTime}–`))).toEqual([true]);
  });
});

describe('my inbox, and nobody else’s', () => {
  it('when user B reads, marks or counts, then only B’s notifications answer, and A’s id is a 404 for B', async () => {
    const { tutor: a, courseId } = await platform.newTutor('Ana Tutor');
    const b = await platform.users.signUp('Ben Student');
    await requestSession(a, courseId, b, 60);
    await requestSession(a, courseId, b, 70);
    const aInbox = await inboxWith(platform, a, 3);
    const app = platform.notifications.baseUrl;

    const forB = await request(app).post(`/notifications/${aInbox.notifications[0]!.id}/read`).set(auth(b));
    expect([forB.status, forB.body.error.code]).toEqual([404, 'notification-not-found']);
    expect((await request(app).get('/notifications/unread-count').set(auth(b))).body).toEqual({ unread: 0 });
    expect((await request(app).post('/notifications/read-all').set(auth(b))).body).toEqual({ marked: 0 });
    expect((await inboxOf(platform, a)).unread).toBe(3);

    const read = await request(app).post(`/notifications/${aInbox.notifications[1]!.id}/read`).set(auth(a));
    expect([read.status, read.body.read]).toEqual([200, true]);
    expect((await request(app).get('/notifications/unread-count').set(auth(a))).body).toEqual({ unread: 2 });
    expect((await request(app).post('/notifications/read-all').set(auth(a))).body).toEqual({ marked: 2 });
    expect((await inboxOf(platform, a)).notifications.map((n) => n.read)).toEqual([true, true, true]);
    expect((await request(app).get('/notifications')).status).toBe(401);
  });

  it('when there are more than a page, then the cursor walks them newest first without repeats', async () => {
    const { tutor, courseId } = await platform.newTutor('Pia Tutor');
    const student = await platform.users.signUp('Paul Student');
    for (const hours of [80, 90, 100]) await requestSession(tutor, courseId, student, hours);
    await inboxWith(platform, tutor, 4);
    const first = await request(platform.notifications.baseUrl).get('/notifications?limit=2').set(auth(tutor));
    const second = await request(platform.notifications.baseUrl)
      .get(`/notifications?limit=2&cursor=${first.body.nextCursor}`)
      .set(auth(tutor));
    const ids = [...first.body.notifications, ...second.body.notifications].map((n: { id: string }) => n.id);
    expect([first.body.notifications.length, second.body.notifications.length, new Set(ids).size]).toEqual([2, 2, 4]);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('email preferences', () => {
  it('when a person unsubscribes from a type by its email link, then that type stops coming by email but still reaches the inbox', async () => {
    const { tutor, courseId } = await platform.newTutor('Uma Tutor');
    const student = await platform.users.signUp('Ugo Student');
    await requestSession(tutor, courseId, student, 110);
    const first = (await waitForMail(tutor.email, 2))[1];
    const link = /List-Unsubscribe:\s+<http:\/\/localhost:8080\/api\/notifications(\/unsubscribe\/[\w-]+\/booking-request)>/.exec(
      await mailSource(first!.id),
    )![1]!;
    const app = platform.notifications.baseUrl;
    const posted = await request(app).post(link).type('form').send('List-Unsubscribe=One-Click');
    expect([posted.status, posted.body]).toEqual([200, { type: 'booking-request', email: false }]);
    expect((await request(app).get('/notifications/preferences').set(auth(tutor))).body).toEqual({
      'booking-request': false,
      'booking-update': true,
      'session-reminder': true,
      'group-membership': true,
      'group-reply': true,
      'course-approval': true,
    });

    const second = await requestSession(tutor, courseId, student, 120);
    await inboxWith(platform, tutor, 3);
    await platform.call('tutoring', `/bookings/${second.id}/confirm`, tutor, 'POST');
    const mail = await waitForMail(tutor.email, 3);
    expect(mail.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^You can now tutor /),
      'New session request from Ugo Student',
      'Session confirmed with Ugo Student',
    ]);

    const wrong = await request(app).post('/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAA/booking-request');
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'unsubscribe-link-unknown']);
    const changed = await request(app).patch('/notifications/preferences').set(auth(tutor)).send({ 'booking-request': true });
    expect(changed.body['booking-request']).toBe(true);
  });
});

describe('the events inbox', () => {
  it('when a person or the wrong service posts an event, then it is refused; a repeated event id changes nothing; an unknown account waits', async () => {
    const someone = await platform.users.signUp();
    const event = (type: string, data: Record<string, unknown>) => ({
      id: 987_654_321,
      source: 'users',
      type,
      time: new Date().toISOString(),
      data,
    });
    const account = { userId: someone.id, email: someone.email, displayName: 'Someone', timezone: 'UTC' };
    const app = platform.notifications.baseUrl;
    expect((await request(app).post('/events').set(auth(someone)).send(event('account-changed', account))).status).toBe(403);

    const tokenFor = async (client: string) =>
      (
        (await (
          await fetch(`${platform.users.baseUrl}/service-tokens`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ clientId: client, clientSecret: platform.users.clientSecret(client) }),
          })
        ).json()) as { accessToken: string }
      ).accessToken;
    const tutoring = { accessToken: await tokenFor('tutoring') };
    const wrong = await request(app).post('/events').set(auth(tutoring)).send(event('account-changed', account));
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'forbidden']);
    const unknown = await request(app).post('/events').set(auth(tutoring)).send(event('group-deleted', {}));
    expect(unknown.status).toBe(400);

    const start = new Date(Date.now() + 200 * 3_600_000);
    const change = {
      ...event('booking-changed', bookingChange(start, { tutorId: someone.id })),
      source: 'tutoring',
    };
    // the student's account was never reported: refused for a retry while the booking change is fresh
    const fresh = await request(app).post('/events').set(auth(tutoring)).send(change);
    expect([fresh.status, fresh.body.error.code, fresh.headers['retry-after']]).toEqual([503, 'account-not-known-yet', '2']);
    // ten minutes on, the notice goes out naming whom it can; once
    const late = { ...change, time: new Date(Date.now() - 11 * 60_000).toISOString() };
    const first = await request(app).post('/events').set(auth(tutoring)).send(late);
    const again = await request(app).post('/events').set(auth(tutoring)).send(late);
    expect([first.body, again.body]).toEqual([
      { applied: true, notified: 1 },
      { applied: false, notified: 0 },
    ]);
    const inbox = await inboxOf(platform, someone);
    expect(inbox.notifications.map((n) => n.title)).toEqual(['New session request from your student']);
  });
});

describe('when the notifications service is down for a minute', () => {
  it('then what happened meanwhile waits in the outboxes and arrives once, in order, when it is back', async () => {
    const { tutor, courseId } = await platform.newTutor('Dora Tutor');
    const student = await platform.users.signUp('Dan Student');
    await platform.notifications.pause();
    const downAt = Date.now();
    const booking = await requestSession(tutor, courseId, student, 130);
    await platform.call('tutoring', `/bookings/${booking.id}/confirm`, tutor, 'POST');
    await platform.call('tutoring', `/bookings/${booking.id}/cancel`, student, 'POST', { reason: 'Clash' });
    await new Promise((r) => setTimeout(r, 60_000 - (Date.now() - downAt)));
    // a minute of refused connections: the events were tried again and again, and none was given up
    const { rows } = await platform.tutoring.pool.query<{ attempts: number; outcome: string | null }>(
      `SELECT attempts, outcome FROM outbox WHERE destination = 'notifications' AND data->>'bookingId' = $1 ORDER BY id`,
      [booking.id],
    );
    expect(rows.map((r) => r.outcome)).toEqual([null, null, null]);
    expect(rows[0]!.attempts).toBeGreaterThanOrEqual(5);

    await platform.notifications.resume();
    const inbox = await eventually(
      () => inboxOf(platform, tutor),
      (i) => i.notifications.length >= 4,
    );
    expect(inbox.notifications.map((n) => n.title).reverse()).toEqual([
      expect.stringMatching(/^You can now tutor /),
      'New session request from Dan Student',
      'Session confirmed with Dan Student',
      'Session with Dan Student cancelled',
    ]);
    expect((await waitForMail(student.email, 2)).map((m) => m.subject)).toEqual([
      'Session confirmed with Dora Tutor',
      'Session with Dora Tutor cancelled',
    ]);
  }, 120_000);
});

describe('account email', () => {
  it('when someone asks to reset their password, then the link comes by email alone, in their zone, cannot be turned off, and works', async () => {
    const me = await platform.users.signUp('Rosa Reset', 'Australia/Sydney');
    await inboxOf(platform, me);
    const asked = await request(platform.users.baseUrl).post('/auth/password-reset').send({ email: me.email });
    expect(asked.status).toBe(202);
    const [mail] = await waitForMail(me.email);
    expect(mail?.subject).toBe('Set a new password');
    expect(mail?.text).toMatch(/The link works once, until \d+ \w+, \d\d:\d\d \((AEDT|AEST|GMT\+1[01])\)\./);
    const token = /http:\/\/localhost:8080\/reset-password#([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
    expect(await mailSource(mail!.id)).not.toMatch(/List-Unsubscribe/);
    expect((await inboxOf(platform, me)).notifications).toEqual([]);

    const reset = await request(platform.users.baseUrl)
      .post('/auth/password-reset/complete')
      .send({ token, password: 'a fresh passphrase 2026' });
    expect(reset.status).toBe(204);
    const login = await request(platform.users.baseUrl).post('/auth/login').send({ email: me.email, password: 'a fresh passphrase 2026' });
    expect(login.status).toBe(200);
  });
});

describe('confirming an email', () => {
  it('when someone signs up and later changes email, then each address gets its own mail and the link confirms it', async () => {
    const me = await platform.users.signUp('Cleo Confirm', 'Asia/Tokyo', { verified: false });
    const [mail] = await waitForMail(me.email, 1, 10_000, { confirmations: true });
    expect(mail?.subject).toBe('Confirm your email');
    expect(mail?.text).toMatch(/The link works once, until \d+ \w+, \d\d:\d\d \((JST|GMT\+9)\)\./);
    expect(await mailSource(mail!.id)).not.toMatch(/List-Unsubscribe/);
    const token = /http:\/\/localhost:8080\/verify-email#([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
    expect((await request(platform.users.baseUrl).post('/auth/email-verification/complete').send({ token })).body).toEqual({
      email: me.email,
    });

    const moved = `moved-${me.email}`;
    const asked = await request(platform.users.baseUrl)
      .post('/me/email')
      .set('Authorization', `Bearer ${me.accessToken}`)
      .send({ email: moved, password: 'test passphrase 2026' });
    expect(asked.status).toBe(202);
    const [link] = await waitForMail(moved, 1, 10_000, { confirmations: true });
    expect(link?.subject).toBe('Confirm your email');
    const [notice] = await waitForMail(me.email);
    expect(notice?.subject).toBe('Your email is being changed');
    expect(notice?.text).toContain(`asked to change its email to ${moved}`);
    expect(notice?.text).not.toMatch(/verify-email#/);
  });
});

describe('a suspension', () => {
  it('when an admin suspends a student, then the tutor hears the platform cancelled their sessions, and why', async () => {
    const { tutor, courseId } = await platform.newTutor('Sara Tutor');
    const student = await platform.users.signUp('Stan Student');
    const booking = await requestSession(tutor, courseId, student, 140);
    await platform.call('tutoring', `/bookings/${booking.id}/confirm`, tutor, 'POST');
    await inboxWith(platform, tutor, 3);
    const suspended = await fetch(`${platform.users.baseUrl}/admin/users/${student.id}/suspend`, {
      method: 'POST',
      headers: { ...auth(platform.admin), 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Spam' }),
    });
    expect(suspended.status).toBe(200);
    const [latest] = (await inboxWith(platform, tutor, 4)).notifications;
    expect([latest!.title, latest!.body.split('\n')[1]]).toEqual([
      'Session with Stan Student cancelled',
      'The platform cancelled it: “An account in this session was suspended”',
    ]);
  });
});

describe('study groups', () => {
  const createGroup = async (owner: TestAccount, visibility: 'public' | 'private', capacity: number) =>
    (
      await platform.call('groups', '/', owner, 'POST', {
        name: `Stats crew ${visibility}`,
        course: 'STAT101',
        subject: 'Statistics',
        capacity,
        visibility,
      })
    ).id as string;

  it('when a place comes free, then the head of the waitlist hears they got it, in the inbox and by email; the one who left hears nothing', async () => {
    const owner = await platform.users.signUp('Olga Owner');
    const [first, waiting] = [await platform.users.signUp('Fay First'), await platform.users.signUp('Wes Waiting')];
    const groupId = await createGroup(owner, 'public', 1);
    expect(await platform.call('groups', `/${groupId}/join`, first, 'POST')).toEqual({ status: 'member' });
    expect(await platform.call('groups', `/${groupId}/join`, waiting, 'POST')).toEqual({ status: 'waitlisted', position: 1 });
    await platform.call('groups', `/${groupId}/leave`, first, 'POST');

    const inbox = await inboxWith(platform, waiting, 1);
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications.map((n) => [n.type, n.title, n.link])).toEqual([
      ['group-membership', 'You have a place in Stats crew public', `/groups/${groupId}`],
    ]);
    const [mail] = await waitForMail(waiting.email, 1);
    expect(mail!.subject).toBe('You have a place in Stats crew public');
    expect(mail!.text).toContain('you were next on the waitlist');
    expect((await inboxOf(platform, first)).notifications).toEqual([]);
    expect((await inboxOf(platform, owner)).notifications).toEqual([]);
  });

  it('when a group meeting is a day and an hour away, then each member going is reminded in their own zone, with the link', async () => {
    const owner = await platform.users.signUp('Olga Owner');
    const [going, away] = [await platform.users.signUp('Gus Going', 'America/New_York'), await platform.users.signUp('Ava Away')];
    const groupId = await createGroup(owner, 'public', 5);
    for (const who of [going, away]) await platform.call('groups', `/${groupId}/join`, who, 'POST');
    const start = Date.now() + 30 * 3_600_000;
    const meeting = await platform.call('groups', `/${groupId}/meetings`, owner, 'POST', {
      title: 'Regression review',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
      timezone: 'Europe/Berlin',
      meetingLink: 'https://meet.example.test/stats',
    });
    await platform.call('groups', `/${groupId}/meetings/${String(meeting.id)}/rsvp`, going, 'PUT', { status: 'going' });
    await platform.call('groups', `/${groupId}/meetings/${String(meeting.id)}/rsvp`, away, 'PUT', { status: 'not_going' });

    expect(await sendDueMeetingReminders(platform.groups.deps, new Date(start - 24 * 3_600_000 + 1000))).toBe(1);
    expect(await sendDueMeetingReminders(platform.groups.deps, new Date(start - 3_600_000 + 1000))).toBe(1);
    const inbox = await inboxWith(platform, going, 2);
    const when = DateTime.fromMillis(start, { zone: 'America/New_York' });
    expect(inbox.notifications.map((n) => [n.type, n.title, n.link]).reverse()).toEqual([
      ['session-reminder', 'Tomorrow: Regression review with Stats crew public', `/groups/${groupId}`],
      ['session-reminder', 'In an hour: Regression review with Stats crew public', `/groups/${groupId}`],
    ]);
    expect(inbox.notifications[0]!.body).toContain(`${when.toFormat('ccc d LLL, HH:mm')}`);
    expect(inbox.notifications[0]!.body).toContain('Join at: https://meet.example.test/stats');
    expect((await waitForMail(going.email, 2)).map((m) => m.subject)).toEqual([
      'Tomorrow: Regression review with Stats crew public',
      'In an hour: Regression review with Stats crew public',
    ]);
    expect((await inboxOf(platform, away)).notifications).toEqual([]);
    expect((await inboxOf(platform, owner)).notifications).toEqual([]);
  });

  it('when requests to join a private group are approved and declined, then each requester hears the answer', async () => {
    const owner = await platform.users.signUp('Olga Owner');
    const [accepted, declined] = [await platform.users.signUp('Ada Accepted'), await platform.users.signUp('Dan Declined')];
    const groupId = await createGroup(owner, 'private', 5);
    for (const who of [accepted, declined])
      expect(await platform.call('groups', `/${groupId}/join`, who, 'POST')).toEqual({ status: 'requested' });
    await platform.call('groups', `/${groupId}/requests/${accepted.id}`, owner, 'POST', { decision: 'approve' });
    await platform.call('groups', `/${groupId}/requests/${declined.id}`, owner, 'POST', { decision: 'decline' });

    expect((await inboxWith(platform, accepted, 1)).notifications.map((n) => [n.title, n.link])).toEqual([
      ['You joined Stats crew private', `/groups/${groupId}`],
    ]);
    expect((await inboxWith(platform, declined, 1)).notifications.map((n) => [n.title, n.link])).toEqual([
      ['Your request to join Stats crew private was declined', '/groups'],
    ]);
    // answering again finds no request and tells nobody: their next news, from a second request, is the next notice
    await expect(platform.call('groups', `/${groupId}/requests/${declined.id}`, owner, 'POST', { decision: 'decline' })).rejects.toThrow(
      /404/,
    );
    await platform.call('groups', `/${groupId}/join`, declined, 'POST');
    await platform.call('groups', `/${groupId}/requests/${declined.id}`, owner, 'POST', { decision: 'approve' });
    expect((await inboxWith(platform, declined, 2)).notifications.map((n) => n.title)).toEqual([
      'You joined Stats crew private',
      'Your request to join Stats crew private was declined',
    ]);
    expect(await waitForMail(declined.email, 2)).toHaveLength(2);
  });

  it('when someone replies to my post, then I hear who did; my own reply tells nobody', async () => {
    const owner = await platform.users.signUp('Olga Owner');
    const author = await platform.users.signUp('Pat Poster');
    const groupId = await createGroup(owner, 'public', 5);
    await platform.call('groups', `/${groupId}/join`, author, 'POST');
    const post = await platform.call('groups', `/${groupId}/posts`, author, 'POST', { body: 'Who has worked answers for question 4?' });
    await platform.call('groups', `/${groupId}/posts/${post.id as string}/replies`, author, 'POST', { body: 'Anyone?' });
    await platform.call('groups', `/${groupId}/posts/${post.id as string}/replies`, owner, 'POST', {
      body: 'I do, see the shared folder.',
    });

    const inbox = await inboxWith(platform, author, 1);
    expect(inbox.notifications.map((n) => [n.type, n.title])).toEqual([
      ['group-reply', 'Olga Owner replied to your post in Stats crew public'],
    ]);
    expect((await waitForMail(author.email, 1))[0]!.subject).toBe('Olga Owner replied to your post in Stats crew public');
    expect((await inboxOf(platform, owner)).notifications).toEqual([]);
  });
});
