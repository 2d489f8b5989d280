// Prints how long asking for a password reset takes for an email that has an account and for one that has none,
// measured in the same run on the real service and database. Not a test: numbers only. The two should not tell
// an attacker which emails exist: the figure to read is the gap between the two medians.
//   300 accounts, each asked for once, interleaved with 300 unknown emails; sequential requests, after a warm-up.
import { generateSigningKey } from '@tutoring-platform/provision';
import { percentile, startBuiltService, startThrowawayPostgres, stopProcess } from '@tutoring-platform/testing';

const accounts = Number(process.env.BENCH_ACCOUNTS ?? 300);

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function main() {
  const { postgres, serviceUrls } = await startThrowawayPostgres();
  // at production password cost, as in production
  const service = await startBuiltService('users', {
    DATABASE_URL: serviceUrls.users,
    JWT_PRIVATE_KEY: generateSigningKey(),
  });
  const base = service.api;
  try {
    const known: string[] = [];
    for (let i = 0; i < accounts; i++) {
      const email = `reset-${i}@example.test`;
      const res = await post(`${base}/auth/register`, {
        email,
        password: 'benchmark passphrase 2026',
        displayName: `Bench ${i}`,
        timezone: 'UTC',
      });
      if (res.status !== 201) throw new Error(`register answered ${res.status}`);
      known.push(email);
    }
    const ask = async (email: string) => {
      const started = performance.now();
      const res = await post(`${base}/auth/password-reset`, { email });
      const ms = performance.now() - started;
      if (res.status !== 202) throw new Error(`password-reset answered ${res.status}`);
      return { ms, body: await res.text() };
    };
    for (let i = 0; i < 50; i++) await ask(`warm-up-${i}@example.test`);

    const timings = { known: [] as number[], unknown: [] as number[] };
    const bodies = new Set<string>();
    for (let i = 0; i < accounts; i++) {
      // alternate which goes first, so neither gains from the other's warm caches
      const pair = i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
      for (const kind of pair) {
        const { ms, body } = await ask(kind === 'known' ? known[i]! : `nobody-${i}@example.test`);
        timings[kind].push(ms);
        bodies.add(body);
      }
    }
    const row = (kind: 'known' | 'unknown') => {
      const sorted = [...timings[kind]].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    };
    const [k, u] = [row('known'), row('unknown')];
    console.log(`password reset asked ${accounts} times each, sequential, same service and database:`);
    console.log(`  email with an account : p50 ${k.p50.toFixed(2)} ms, p99 ${k.p99.toFixed(2)} ms`);
    console.log(`  email without one     : p50 ${u.p50.toFixed(2)} ms, p99 ${u.p99.toFixed(2)} ms  (baseline)`);
    console.log(`  gap of the medians    : ${(k.p50 - u.p50).toFixed(2)} ms; distinct answer bodies: ${bodies.size}`);
  } finally {
    await stopProcess(service.process);
    await postgres.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
