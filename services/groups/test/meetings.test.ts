import request from 'supertest';
import { auth, createTestContext, expectError, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let owner: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  owner = await ctx.users.signUp('Olga Owner');
});
afterAll(() => ctx.close());

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function groupWith(count: number, extra: Record<string, unknown> = {}) {
  const group = (
    await request(ctx.app)
      .post('/api/groups')
      .set(auth(owner))
      .send({
        name: 'Physics lab prep',
        course: 'PHYS150',
        subject: 'Physics',
        capacity: 20,
        meetingLink: 'https://meet.example.test/phys',
        ...extra,
      })
  ).body as { id: string; name: string };
  const people: TestAccount[] = [];
  for (let i = 0; i < count; i++) {
    const who = await ctx.users.signUp();
    await request(ctx.app).post(`/api/groups/${group.id}/join`).set(auth(who));
    people.push(who);
  }
  return { ...group, people };
}
const schedule = (groupId: string, extra: Record<string, unknown> = {}, who = owner) =>
  request(ctx.app)
    .post(`/api/groups/${groupId}/meetings`)
    .set(auth(who))
    .send({
      title: 'Problem set 3',
      startsAt: inHours(24),
      endsAt: inHours(26),
      timezone: 'Europe/Berlin',
      agenda: 'Kinematics',
      ...extra,
    });
const rsvp = (groupId: string, meetingId: string, who: TestAccount, status: string) =>
  request(ctx.app).put(`/api/groups/${groupId}/meetings/${meetingId}/rsvp`).set(auth(who)).send({ status });

describe('meetings', () => {
  it('when an owner schedules a meeting, then members see it with the group’s link; bad times are 422, members cannot schedule', async () => {
    const group = await groupWith(1);
    const res = await schedule(group.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Problem set 3',
      timezone: 'Europe/Berlin',
      meetingLink: 'https://meet.example.test/phys',
      status: 'scheduled',
      goingCount: 0,
      capacity: null,
      tutor: null,
    });
    const list = await request(ctx.app).get(`/api/groups/${group.id}/meetings`).set(auth(group.people[0]!));
    expect(list.body.meetings.map((m: { id: string }) => m.id)).toEqual([res.body.id]);
    expectError(await schedule(group.id, { startsAt: inHours(-2), endsAt: inHours(-1) }), 422, 'meeting-in-past');
    expectError(await schedule(group.id, { endsAt: inHours(23) }), 422, 'invalid-meeting-times');
    expectError(await schedule(group.id, { endsAt: inHours(40) }), 422, 'invalid-meeting-times');
    expectError(await schedule(group.id, { timezone: 'Nowhere/Land' }), 400, 'validation-failed');
    expectError(await schedule(group.id, {}, group.people[0]), 403, 'managers-only');
  });

  it('when more members say going than there are places, then the rest wait in order and a going member who backs out hands on the place', async () => {
    const group = await groupWith(4);
    const [a, b, c, d] = group.people as [TestAccount, TestAccount, TestAccount, TestAccount];
    const meeting = (await schedule(group.id, { capacity: 2 })).body as { id: string };
    expect((await rsvp(group.id, meeting.id, a, 'going')).body).toMatchObject({ status: 'going', position: null });
    expect((await rsvp(group.id, meeting.id, b, 'going')).body).toMatchObject({ status: 'going' });
    expect((await rsvp(group.id, meeting.id, c, 'going')).body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await rsvp(group.id, meeting.id, d, 'going')).body).toMatchObject({ status: 'waitlisted', position: 2 });
    expect((await rsvp(group.id, meeting.id, c, 'going')).body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await rsvp(group.id, meeting.id, owner, 'maybe')).body).toMatchObject({ status: 'maybe' });
    expect((await rsvp(group.id, meeting.id, a, 'not_going')).body).toMatchObject({ status: 'not_going' });
    const seen = (await request(ctx.app).get(`/api/groups/${group.id}/meetings/${meeting.id}`)).body;
    expect(seen.meeting.goingCount).toBe(2);
    const status = Object.fromEntries(
      seen.rsvps.map((r: { userId: string; status: string; position: number | null }) => [r.userId, [r.status, r.position]]),
    );
    expect(status).toEqual({
      [a.id]: ['not_going', null],
      [b.id]: ['going', null],
      [c.id]: ['going', null],
      [d.id]: ['waitlisted', 1],
      [owner.id]: ['maybe', null],
    });
    const outsider = await ctx.users.signUp();
    expectError(await rsvp(group.id, meeting.id, outsider, 'going'), 403, 'members-only');
    expectError(await rsvp(group.id, meeting.id, a, 'waitlisted'), 400, 'validation-failed');
  });

  it('when a member who is going leaves the group or is removed, then their place goes to the head of the meeting’s waitlist', async () => {
    const group = await groupWith(3);
    const [a, b, c] = group.people as [TestAccount, TestAccount, TestAccount];
    const meeting = (await schedule(group.id, { capacity: 1 })).body as { id: string };
    for (const who of [a, b, c]) await rsvp(group.id, meeting.id, who, 'going');
    await request(ctx.app).post(`/api/groups/${group.id}/leave`).set(auth(a));
    let seen = (await request(ctx.app).get(`/api/groups/${group.id}/meetings/${meeting.id}`)).body;
    expect(seen.rsvps.find((r: { userId: string }) => r.userId === b.id)).toMatchObject({ status: 'going' });
    expect(seen.meeting.goingCount).toBe(1);
    await request(ctx.app).delete(`/api/groups/${group.id}/members/${b.id}`).set(auth(owner));
    seen = (await request(ctx.app).get(`/api/groups/${group.id}/meetings/${meeting.id}`)).body;
    expect(seen.rsvps.find((r: { userId: string }) => r.userId === c.id)).toMatchObject({ status: 'going' });
    expect(seen.rsvps.filter((r: { status: string }) => r.status === 'going')).toHaveLength(1);
  });

  it('when 40 members answer going at once for 10 places, then exactly 10 go and 30 wait, and the count matches the answers', async () => {
    const group = await groupWith(40, { capacity: 40 });
    const meeting = (await schedule(group.id, { capacity: 10 })).body as { id: string };
    const answers = await Promise.all(group.people.map((p) => rsvp(group.id, meeting.id, p, 'going')));
    expect(answers.filter((r) => r.status !== 200)).toEqual([]);
    expect(answers.filter((r) => r.body.status === 'going')).toHaveLength(10);
    const seen = (await request(ctx.app).get(`/api/groups/${group.id}/meetings/${meeting.id}`)).body;
    expect(seen.meeting.goingCount).toBe(10);
    expect(seen.rsvps.filter((r: { status: string }) => r.status === 'going')).toHaveLength(10);
    const positions = seen.rsvps.filter((r: { status: string }) => r.status === 'waitlisted').map((r: { position: number }) => r.position);
    expect(positions.sort((x: number, y: number) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  }, 60_000);

  it('when a meeting is cancelled, then it says so, answers are refused and a moderator cannot cancel it twice', async () => {
    const group = await groupWith(1);
    const meeting = (await schedule(group.id)).body as { id: string };
    expectError(
      await request(ctx.app).post(`/api/groups/${group.id}/meetings/${meeting.id}/cancel`).set(auth(group.people[0]!)),
      403,
      'managers-only',
    );
    const cancelled = await request(ctx.app)
      .post(`/api/groups/${group.id}/meetings/${meeting.id}/cancel`)
      .set(auth(owner))
      .send({ reason: 'Exam moved' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Exam moved' });
    expectError(await rsvp(group.id, meeting.id, group.people[0]!, 'going'), 409, 'meeting-cancelled');
    expectError(
      await request(ctx.app).post(`/api/groups/${group.id}/meetings/${meeting.id}/cancel`).set(auth(owner)),
      409,
      'meeting-cancelled',
    );
    const ics = await request(ctx.app).get(`/api/groups/${group.id}/meetings/${meeting.id}/ics`);
    expect(ics.text).toContain('STATUS:CANCELLED');
  });

  it('when a member asks for the .ics, then it is a calendar event with the local time and link', async () => {
    const group = await groupWith(1);
    const startsAt = '2030-03-05T17:00:00.000Z';
    const meeting = (await schedule(group.id, { startsAt, endsAt: '2030-03-05T18:30:00.000Z' })).body as { id: string };
    const res = await request(ctx.app).get(`/api/groups/${group.id}/meetings/${meeting.id}/ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.text).toContain('BEGIN:VEVENT');
    expect(res.text).toContain('DTSTART:20300305T170000Z');
    expect(res.text).toContain('SUMMARY:Physics lab prep: Problem set 3');
    // 17:00 UTC is 18:00 in Berlin in March
    expect(res.text.replace(/\r\n[ \t]/g, '')).toContain('Local time: 5 Mar 2030\\, 18:00 (Europe/Berlin)');
    expectError(
      await request(ctx.app).get(`/api/groups/${group.id}/meetings/0b8f9d4e-1234-4abc-8def-0123456789ab/ics`),
      404,
      'meeting-not-found',
    );
  });

  it('when a group’s stored name holds CR/LF, commas or semicolons, then the .ics escapes it and gains no lines', async () => {
    const group = await groupWith(0);
    const meeting = (await schedule(group.id)).body as { id: string };
    // the API refuses line breaks in names now; a name stored before that rule must still be harmless
    const stored = (await ctx.deps.groups.find(group.id))!;
    await ctx.deps.groups.update(stored, { ...stored, name: 'Calc; review, part 1\r\nBEGIN:VEVENT\r\nSUMMARY:Injected' });
    const res = await request(ctx.app).get(`/api/groups/${group.id}/meetings/${meeting.id}/ics`);
    expect(res.status).toBe(200);
    const lines = res.text.split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('SUMMARY:Injected'))).toBe(false);
    expect(res.text.replace(/\r\n[ \t]/g, '')).toContain('X-WR-CALNAME:Calc\\; review\\, part 1\\nBEGIN:VEVENT\\nSUMMARY:Injected');
  });

  it('when I ask for upcoming meetings, then I get those of all my groups, soonest first, with my answer, and not others’', async () => {
    const me = await ctx.users.signUp();
    const [first, second, foreign] = [await groupWith(0), await groupWith(0), await groupWith(0)];
    for (const g of [first, second]) await request(ctx.app).post(`/api/groups/${g.id}/join`).set(auth(me));
    const later = (await schedule(first.id, { startsAt: inHours(48), endsAt: inHours(49) })).body as { id: string };
    const sooner = (await schedule(second.id, { startsAt: inHours(5), endsAt: inHours(6) })).body as { id: string };
    const cancelled = (await schedule(second.id, { startsAt: inHours(7), endsAt: inHours(8) })).body as { id: string };
    await request(ctx.app).post(`/api/groups/${second.id}/meetings/${cancelled.id}/cancel`).set(auth(owner));
    await schedule(foreign.id);
    await rsvp(first.id, later.id, me, 'maybe');
    const res = await request(ctx.app).get('/api/groups/meetings/upcoming').set(auth(me));
    expect(res.body.meetings.map((m: { meeting: { id: string }; myRsvp: string | null }) => [m.meeting.id, m.myRsvp])).toEqual([
      [sooner.id, null],
      [later.id, 'maybe'],
    ]);
    expectError(await request(ctx.app).get('/api/groups/meetings/upcoming'), 401, 'authentication-required');
  });
});

describe('a group that meets weekly', () => {
  const weekly = { weekday: 3, start: '18:00', durationMinutes: 90, timezone: 'Europe/Berlin' };
  const upcoming = async (groupId: string, who = owner) =>
    (await request(ctx.app).get(`/api/groups/${groupId}/meetings`).set(auth(who))).body.meetings as Array<{
      id: string;
      startsAt: string;
      status: string;
      cancelReason: string | null;
    }>;
  const berlinTime = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(
      new Date(iso),
    );

  it('when it is created, then its next four weeks of meetings exist, each on its day at its local time, written once', async () => {
    const group = await groupWith(1, { schedule: weekly });
    const [first, second] = await Promise.all([upcoming(group.id), upcoming(group.id, group.people[0])]);
    expect(first).toHaveLength(4);
    expect(second.map((m) => m.id)).toEqual(first.map((m) => m.id));
    expect(new Set(first.map((m) => berlinTime(m.startsAt)))).toEqual(new Set(['Wed 18:00']));
    expect(await upcoming(group.id)).toEqual(first);
    // the group itself says when it next meets, alone and in a list alike
    expect((await request(ctx.app).get(`/api/groups/${group.id}`)).body.nextMeetingAt).toBe(first[0]!.startsAt);
    const listed = (await request(ctx.app).get('/api/groups/mine').set(auth(group.people[0]!))).body.groups;
    expect(listed.find((g: { id: string }) => g.id === group.id).nextMeetingAt).toBe(first[0]!.startsAt);
  });

  it('when one week is cancelled, then it stays cancelled; when the schedule moves, then the old weeks are cancelled and the new ones written', async () => {
    const group = await groupWith(1, { schedule: weekly });
    const [week1] = await upcoming(group.id);
    const cancelled = await request(ctx.app)
      .post(`/api/groups/${group.id}/meetings/${week1!.id}/cancel`)
      .set(auth(owner))
      .send({ reason: 'Holiday' });
    expect(cancelled.status).toBe(200);
    expect((await upcoming(group.id)).find((m) => m.id === week1!.id)).toMatchObject({ status: 'cancelled', cancelReason: 'Holiday' });
    expect((await upcoming(group.id)).filter((m) => m.status === 'scheduled')).toHaveLength(3);

    const moved = await request(ctx.app)
      .patch(`/api/groups/${group.id}`)
      .set(auth(owner))
      .send({ schedule: { ...weekly, weekday: 5 } });
    expect(moved.status).toBe(200);
    const after = await upcoming(group.id);
    expect(new Set(after.filter((m) => m.status === 'scheduled').map((m) => berlinTime(m.startsAt)))).toEqual(new Set(['Fri 18:00']));
    expect(after.filter((m) => m.status === 'scheduled')).toHaveLength(4);
    expect(after.filter((m) => m.cancelReason === 'The group’s weekly schedule changed')).toHaveLength(3);
  });

  it('when an organizer changes one week, then only that meeting changes and stays; members cannot; bad times change nothing', async () => {
    const group = await groupWith(1, { schedule: weekly });
    const [week1, week2] = await upcoming(group.id);
    const later = new Date(Date.parse(week1!.startsAt) + 3_600_000).toISOString();
    const laterEnd = new Date(Date.parse(week1!.startsAt) + 2.5 * 3_600_000).toISOString();
    const edit = (body: object, who = owner, id = week1!.id) =>
      request(ctx.app).patch(`/api/groups/${group.id}/meetings/${id}`).set(auth(who)).send(body);

    const edited = await edit({ title: 'Mock exam', startsAt: later, endsAt: laterEnd, agenda: 'Past paper 2024' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: week1!.id, title: 'Mock exam', startsAt: later, endsAt: laterEnd, agenda: 'Past paper 2024' });
    // planning again keeps the change, and the other weeks keep the pattern
    const after = await upcoming(group.id);
    expect(after.find((m) => m.id === week1!.id)).toMatchObject({ startsAt: later, status: 'scheduled' });
    expect(after.find((m) => m.id === week2!.id)).toEqual(week2);
    expect(after).toHaveLength(4);

    expectError(await edit({ title: 'Mine now' }, group.people[0]), 403, 'managers-only');
    expectError(await edit({ endsAt: week1!.startsAt }), 422, 'invalid-meeting-times');
    expectError(await edit({ startsAt: new Date(Date.now() - 3_600_000).toISOString() }), 422, 'meeting-in-past');
    expectError(await edit({ title: '' }), 400, 'validation-failed');
    expect((await upcoming(group.id)).find((m) => m.id === week1!.id)).toMatchObject({ title: 'Mock exam', startsAt: later });

    await request(ctx.app).post(`/api/groups/${group.id}/meetings/${week2!.id}/cancel`).set(auth(owner)).send({});
    expectError(await edit({ title: 'Too late' }, owner, week2!.id), 409, 'meeting-cancelled');
  });

  it('when the group has no schedule, then no meeting is written for it', async () => {
    const group = await groupWith(0);
    expect(await upcoming(group.id)).toEqual([]);
  });
});
