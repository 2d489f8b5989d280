// Prints what two-step sign-in adds to signing in: the password alone (baseline) against the password and then a
// code from the authenticator app, measured in the same run on the real service and database, at production
// password cost. Not a test: numbers only.
//   100 accounts of each kind, each signing in once, interleaved; sequential requests, after a warm-up.
import { generate } from 'otplib';
import { generateSigningKey } from '@tutoring-platform/provision';
import { percentile, startBuiltService, startThrowawayPostgres, stopProcess } from '@tutoring-platform/testing';

const accounts = Number(process.env.BENCH_ACCOUNTS ?? 100);
const password = 'benchmark passphrase 2026';

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  // at production password cost: the figure includes what signing in really costs
  const service = await startBuiltService('users', {
    DATABASE_URL: serviceUrls.users,
    JWT_PRIVATE_KEY: generateSigningKey(),
    LOGIN_MAX_FAILURES_PER_CLIENT: '100000000',
  });
  const base = service.api;
  const post = async (urlPath: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${urlPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${urlPath} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Record<string, string>;
  };
  /** The next 30-second step's code: the current one was used to turn two-step sign-in on. */
  const nextCode = (key: string) => generate({ secret: key, epoch: Math.floor(Date.now() / 1000) + 30 });
  try {
    const plain: string[] = [];
    const twoStep: Array<{ email: string; key: string }> = [];
    for (let i = 0; i < accounts; i++) {
      await post('/auth/register', { email: `plain-${i}@example.test`, password, displayName: 'Bench', timezone: 'UTC' });
      plain.push(`plain-${i}@example.test`);
      const email = `two-step-${i}@example.test`;
      const { accessToken } = await post('/auth/register', { email, password, displayName: 'Bench', timezone: 'UTC' });
      const { key } = await post('/me/two-factor', undefined, accessToken);
      await post('/me/two-factor/confirm', { code: await generate({ secret: key! }) }, accessToken);
      twoStep.push({ email, key: key! });
    }
    for (let i = 0; i < 10; i++) await post('/auth/login', { email: plain[i], password });

    const timings = { plain: [] as number[], twoStep: [] as number[], secondStep: [] as number[] };
    for (let i = 0; i < accounts; i++) {
      let started = performance.now();
      await post('/auth/login', { email: plain[i], password });
      timings.plain.push(performance.now() - started);

      const { email, key } = twoStep[i]!;
      const code = await nextCode(key);
      started = performance.now();
      const { challenge } = await post('/auth/login', { email, password });
      const stepStarted = performance.now();
      await post('/auth/login/second-step', { challenge, code });
      const done = performance.now();
      timings.twoStep.push(done - started);
      timings.secondStep.push(done - stepStarted);
    }
    const row = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`;
    };
    console.log(`sign-in, ${accounts} accounts of each kind, sequential, production password cost, same service and database:`);
    console.log(`  password alone (baseline)          : ${row(timings.plain)}`);
    console.log(`  password, then the app's code      : ${row(timings.twoStep)}`);
    console.log(`  of which the second step           : ${row(timings.secondStep)}`);
  } finally {
    await stopProcess(service.process);
    await postgres.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
