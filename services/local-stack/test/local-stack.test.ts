import { freshStackSettings, launchStack as launch, untilRunning } from '../src/testing/stack-process';

describe('npm start (the embedded local stack)', () => {
  let env: NodeJS.ProcessEnv;
  let gateway: string;

  beforeAll(async () => {
    ({ env, gateway } = await freshStackSettings());
  });

  it('when started, stopped and started again, then it serves the API through the gateway, refuses a twin, stops cleanly and keeps its data', async () => {
    const first = launch(env);
    await untilRunning(first);
    const banner = first.output.join('\n');
    expect(banner).toContain('admin@tutoring.local');
    expect(banner).toContain('maya@demo.local');
    expect(banner).toContain('were created on this first start');

    const login = await fetch(`${gateway}/api/users/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'maya@demo.local', password: 'maya-demo-pass-2026' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${gateway}/api/users/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    // the seed confirmed Maya's email with the link that arrived in the local mail server
    expect(await me.json()).toMatchObject({ email: 'maya@demo.local', emailVerified: true });

    const admin = await fetch(`${gateway}/api/users/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@tutoring.local', password: 'local-admin-only-2026' }),
    });
    // the seed set up the administrator's two-step sign-in: the password alone answers a challenge
    expect(await admin.json()).toMatchObject({ secondFactorRequired: true, challenge: expect.stringMatching(/^[\w-]{43}$/) });

    const home = await fetch(`${gateway}/`);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await (await fetch(`${gateway}/tutors/some-client-route`)).text()).toContain('<html');
    const catalog = (await (await fetch(`${gateway}/api/tutoring/courses`)).json()) as { courses: Array<{ id: string; code: string }> };
    expect(catalog.courses.length).toBeGreaterThanOrEqual(20);
    const cs101 = catalog.courses.find((c) => c.code === 'CS101')!;
    const maya = (await (await fetch(`${gateway}/api/users/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      id: string;
    };
    const week = {
      courseId: cs101.id,
      length: '60',
      from: new Date().toISOString(),
      to: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    };
    const slots = (await (await fetch(`${gateway}/api/tutoring/tutors/${maya.id}/slots?${new URLSearchParams(week)}`)).json()) as {
      timezone: string;
      slots: unknown[];
    };
    expect(slots.timezone).toBe('America/New_York');
    expect(slots.slots.length).toBeGreaterThan(10);

    const group = await fetch(`${gateway}/api/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: 'Intro programming study group', course: 'CS101', subject: 'Computer Science', capacity: 8 }),
    });
    expect(group.status).toBe(201);
    const seededGroups = (await (await fetch(`${gateway}/api/groups?course=CS101`)).json()) as {
      groups: Array<{ name: string; memberCount: number }>;
    };
    expect(seededGroups.groups).toContainEqual(expect.objectContaining({ name: 'Intro programming study circle', memberCount: 1 }));
    const unknownApi = await fetch(`${gateway}/api/nothing-here`);
    expect(unknownApi.status).toBe(404);
    expect(((await unknownApi.json()) as { error: { code: string } }).error.code).toBe('not-found');

    const twin = launch(env);
    expect(await twin.exited).toBe(1);
    expect(twin.output.join('\n')).toMatch(/already running \(pid \d+\)/);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output).toContain('stopped');
    await expect(fetch(`${gateway}/api/users/healthz`)).rejects.toThrow();

    const second = launch(env);
    await untilRunning(second);
    expect(second.output.join('\n')).not.toContain('were created on this first start');
    const again = await fetch(`${gateway}/api/users/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'maya@demo.local', password: 'maya-demo-pass-2026' }),
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
