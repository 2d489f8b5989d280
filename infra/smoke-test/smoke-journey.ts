// The release smoke test's journey against the replacement tasks behind the test listener: health, readiness, the
// OpenAPI document, an anonymous read, then a sign-in with the synthetic account and a signed-in read. Each step is
// bounded by the time left; the first failure ends the journey.

export interface SmokeJourney {
  deployable: string;
  /** GET paths on the test listener that must answer 200. */
  anonymous: string[];
  /** Where the synthetic account signs in: the test listener when the signer itself is being released. */
  signIn: { origin: 'test' | 'prod'; pathPrefix: string };
  /** GET paths on the test listener that must answer 200 with the access token. */
  signedIn: string[];
}

export interface SmokeAccount {
  email: string;
  password: string;
}

export interface SmokeStep {
  step: string;
  ok: boolean;
  status?: number;
  ms: number;
  error?: string;
}

export interface SmokeSettings {
  testOrigin: string;
  prodOrigin: string;
  /** The whole journey's time limit. */
  timeLimitMs: number;
}

class StepFailed extends Error {}

export async function runSmokeJourney(journey: SmokeJourney, account: SmokeAccount, settings: SmokeSettings): Promise<SmokeStep[]> {
  const deadline = Date.now() + settings.timeLimitMs;
  const steps: SmokeStep[] = [];
  const origin = (which: 'test' | 'prod') => (which === 'test' ? settings.testOrigin : settings.prodOrigin);

  const request = async (step: string, url: string, init: RequestInit = {}, accept: (status: number) => boolean = (s) => s === 200) => {
    const started = Date.now();
    try {
      const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
      const body = await res.text();
      const ok = accept(res.status);
      steps.push({ step, ok, status: res.status, ms: Date.now() - started, ...(ok ? {} : { error: body.slice(0, 300) }) });
      if (!ok) throw new StepFailed(step);
      return { status: res.status, body };
    } catch (err) {
      if (err instanceof StepFailed) throw err;
      steps.push({ step, ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) });
      throw new StepFailed(step);
    }
  };

  try {
    for (const path of journey.anonymous) await request(`GET ${path}`, `${settings.testOrigin}${path}`);
    const signInBase = `${origin(journey.signIn.origin)}${journey.signIn.pathPrefix}`;
    const json = { 'content-type': 'application/json' };
    const credentials = JSON.stringify({ email: account.email, password: account.password });
    const isSession = (s: number) => s === 200 || s === 201;
    let session = await request('sign in', `${signInBase}/auth/login`, { method: 'POST', headers: json, body: credentials }, (s) =>
      [200, 401].includes(s),
    );
    if (session.status === 401) {
      // the first release after the account's secret was created: the account does not exist yet
      await request(
        'create the synthetic account',
        `${signInBase}/auth/register`,
        { method: 'POST', headers: json, body: JSON.stringify({ ...account, displayName: 'Release smoke test', timezone: 'UTC' }) },
        isSession,
      );
      session = await request('sign in', `${signInBase}/auth/login`, { method: 'POST', headers: json, body: credentials });
    }
    const token = (JSON.parse(session.body) as { accessToken?: unknown }).accessToken;
    if (typeof token !== 'string') {
      steps.push({ step: 'access token', ok: false, ms: 0, error: 'the sign-in answer holds no access token' });
      return steps;
    }
    for (const path of journey.signedIn) {
      await request(`GET ${path} signed in`, `${settings.testOrigin}${path}`, { headers: { authorization: `Bearer ${token}` } });
    }
  } catch (err) {
    if (!(err instanceof StepFailed)) throw err;
  }
  return steps;
}

export const passed = (steps: SmokeStep[]): boolean => steps.length > 0 && steps.every((s) => s.ok);
