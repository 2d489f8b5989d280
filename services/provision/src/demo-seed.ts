// First-start demo data, created through the public APIs exactly as people would: accounts (each confirmed by
// the link in its email), a course catalog, and one approved tutor with weekly hours.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generate } from 'otplib';

export const demoAccounts = [
  { email: 'maya@demo.local', password: 'maya-demo-pass-2026', displayName: 'Maya Chen', timezone: 'America/New_York' },
  { email: 'leo@demo.local', password: 'leo-demo-pass-2026', displayName: 'Leo Okafor', timezone: 'Europe/London' },
];

const catalog: Array<[code: string, title: string, subject: string]> = [
  ['CS101', 'Introduction to Programming', 'Computer Science'],
  ['CS201', 'Data Structures', 'Computer Science'],
  ['CS220', 'Algorithms', 'Computer Science'],
  ['CS310', 'Databases', 'Computer Science'],
  ['CS340', 'Operating Systems', 'Computer Science'],
  ['MATH101', 'Calculus I', 'Mathematics'],
  ['MATH102', 'Calculus II', 'Mathematics'],
  ['MATH210', 'Linear Algebra', 'Mathematics'],
  ['MATH240', 'Discrete Mathematics', 'Mathematics'],
  ['STAT200', 'Probability and Statistics', 'Statistics'],
  ['PHYS101', 'Mechanics', 'Physics'],
  ['PHYS102', 'Electricity and Magnetism', 'Physics'],
  ['CHEM101', 'General Chemistry', 'Chemistry'],
  ['CHEM210', 'Organic Chemistry', 'Chemistry'],
  ['BIO101', 'Cell Biology', 'Biology'],
  ['BIO220', 'Genetics', 'Biology'],
  ['ECON101', 'Principles of Microeconomics', 'Economics'],
  ['ECON102', 'Principles of Macroeconomics', 'Economics'],
  ['PSY101', 'Introduction to Psychology', 'Psychology'],
  ['ENG110', 'Academic Writing', 'English'],
  ['HIST120', 'World History since 1500', 'History'],
  ['SPAN101', 'Elementary Spanish', 'Languages'],
];

type Post = (path: string, body: unknown, token?: string, method?: string) => Promise<{ status: number; body: Record<string, unknown> }>;

function client(gateway: string): Post {
  return async (path, body, token, method = 'POST') => {
    const res = await fetch(`${gateway}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  };
}

/** Where, in the local state directory, the seeded administrator's authenticator key is kept. */
export const adminKeyFile = 'admin-authenticator-key';

/** A code from an authenticator app holding `key`, for the next 30-second step: the current one may be used up. */
const nextCode = (key: string) => generate({ secret: key, epoch: Math.floor(Date.now() / 1000) + 30 });

/** Follows the confirmation link the mail server holds for `email`, as its owner would. */
async function confirmEmail(call: Post, mailWeb: string, email: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const messages = (await (await fetch(`${mailWeb}/api/email`)).json()) as Array<{
      subject: string;
      text: string;
      to: Array<{ address: string }>;
    }>;
    const mail = messages.find((m) => m.subject === 'Confirm your email' && m.to.some((a) => a.address === email));
    const token = mail && /verify-email#([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    if (token) return (await call('/api/users/auth/email-verification/complete', { token })).status;
    if (Date.now() > deadline) return 504;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The administrator signs in as administrators must, with a second step: on the first start two-step sign-in is
 * set up and its key kept in `keyFile` (the start banner shows it, for an authenticator app).
 */
async function adminSession(call: Post, admin: { email: string; password: string }, keyFile: string): Promise<string> {
  const first = await call('/api/users/auth/login', admin);
  if (!first.body.secondFactorRequired) {
    const token = String(first.body.accessToken);
    const key = String((await call('/api/users/me/two-factor', {}, token)).body.key);
    writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    await call('/api/users/me/two-factor/confirm', { code: await generate({ secret: key }) }, token);
  }
  const key = readFileSync(keyFile, 'utf8').trim();
  const { challenge } = (await call('/api/users/auth/login', admin)).body;
  return String((await call('/api/users/auth/login/second-step', { challenge, code: await nextCode(key) })).body.accessToken);
}

/** Runs once per data directory (a marker file records it). Returns whether it ran. */
export async function seedDemoData(
  stack: { gateway: string; mailWeb: string },
  files: { marker: string; adminKey: string },
  admin: { email: string; password: string },
  log: (line: string) => void,
): Promise<boolean> {
  if (existsSync(files.marker)) return false;
  const call = client(stack.gateway);
  const expect = (what: string, res: { status: number }, ok: number[]) => {
    if (!ok.includes(res.status)) log(`demo data: ${what} answered HTTP ${res.status}`);
  };
  for (const account of demoAccounts) {
    expect(`register ${account.email}`, await call('/api/users/auth/register', account), [201, 409]);
    expect(`confirm ${account.email}`, { status: await confirmEmail(call, stack.mailWeb, account.email) }, [200]);
  }

  const adminToken = await adminSession(call, admin, files.adminKey);
  const courseIds: Record<string, string> = {};
  for (const [code, title, subject] of catalog) {
    const res = await call('/api/tutoring/courses', { code, title, subject, description: `${title} (${subject})` }, adminToken);
    expect(`course ${code}`, res, [201, 409]);
    if (res.status === 201) courseIds[code] = String(res.body.id);
  }

  const maya = demoAccounts[0]!;
  const mayaToken = String((await call('/api/users/auth/login', { email: maya.email, password: maya.password })).body.accessToken);
  const offered = ['CS101', 'CS201', 'MATH210'].map((code) => courseIds[code]).filter((id): id is string => Boolean(id));
  const profile = await call(
    '/api/tutoring/tutors/me',
    {
      headline: 'CS junior who loves explaining recursion',
      bio: 'Peer tutor for intro programming, data structures and linear algebra. Patient, practical, lots of examples.',
      languages: ['en', 'zh'],
      courseIds: offered,
      online: { meetingLink: 'https://meet.example.com/maya-chen' },
      sessionLengths: [30, 60],
      maxGroupSize: 6,
    },
    mayaToken,
    'PUT',
  );
  expect('tutor profile', profile, [200]);
  for (const id of offered)
    expect(
      'course approval',
      await call(`/api/tutoring/tutors/${String(profile.body.id)}/courses/${id}/approval`, { decision: 'approve' }, adminToken),
      [200],
    );
  const weekdays = [1, 2, 3, 4, 5];
  expect(
    'availability',
    await call(
      '/api/tutoring/tutors/me/availability',
      {
        timezone: maya.timezone,
        weekly: weekdays.flatMap((weekday) => [
          { weekday, start: '09:00', end: '12:00' },
          { weekday, start: '14:00', end: '17:00' },
        ]),
        bufferAfterMinutes: 10,
        minNoticeMinutes: 120,
        maxHorizonDays: 60,
      },
      mayaToken,
      'PUT',
    ),
    [200],
  );

  // A public study group with Leo as a member, a meeting next week and a first post, so the groups pages have life.
  const leo = demoAccounts[1]!;
  const leoToken = String((await call('/api/users/auth/login', { email: leo.email, password: leo.password })).body.accessToken);
  const group = await call(
    '/api/groups',
    {
      name: 'Intro programming study circle',
      course: 'CS101',
      subject: 'Computer Science',
      description: 'We work through the weekly problem sets together. Beginners welcome.',
      tags: ['problem sets', 'weekly'],
      capacity: 12,
      meetingLink: 'https://meet.example.com/cs101-circle',
      schedule: { weekday: 3, start: '18:00', durationMinutes: 90, timezone: maya.timezone },
    },
    mayaToken,
  );
  expect('study group', group, [201]);
  const groupId = String(group.body.id);
  expect('group join', await call(`/api/groups/${groupId}/join`, {}, leoToken), [200]);
  const nextWeek = new Date(Date.now() + 7 * 86_400_000);
  nextWeek.setUTCHours(23, 0, 0, 0);
  expect(
    'group meeting',
    await call(
      `/api/groups/${groupId}/meetings`,
      {
        title: 'Problem set 4: recursion',
        startsAt: nextWeek.toISOString(),
        endsAt: new Date(nextWeek.getTime() + 90 * 60_000).toISOString(),
        timezone: maya.timezone,
        agenda: 'Bring your attempts at questions 2 and 5.',
      },
      mayaToken,
    ),
    [201],
  );
  expect(
    'group post',
    await call(`/api/groups/${groupId}/posts`, { body: 'Welcome! Introduce yourself and the course you are in.' }, mayaToken),
    [201],
  );

  writeFileSync(files.marker, new Date().toISOString());
  return true;
}
