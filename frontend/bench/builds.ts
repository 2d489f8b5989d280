// What the web benches share: two builds of the web app side by side on one running stack (each gets its own
// gateway in front of the same services, so a bench can load them in turn and machine noise falls on both alike),
// the demo tutor they measure, the median they report, and how a bench ends.
import type { AddressInfo } from 'node:net';
import { startServer, stopServer } from '@tutoring-platform/shared';
import { apiServices } from '@tutoring-platform/shared/catalog';
import { createGateway, staticSite } from '@tutoring-platform/web';

export interface ServedBuild {
  name: string;
  origin: string;
}

export async function serveBuilds(stackGateway: string, builds: Array<{ name: string; dir: string; namesFirstReads?: boolean }>) {
  const servers = await Promise.all(
    builds.map(async ({ name, dir, namesFirstReads }) => {
      const server = await startServer(
        createGateway(
          apiServices.map((service) => ({ service, origin: stackGateway })),
          staticSite(dir, { namesFirstReads }),
        ),
        0,
        '127.0.0.1',
      );
      return { name, server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
    }),
  );
  return {
    builds: servers.map(({ name, origin }): ServedBuild => ({ name, origin })),
    stop: () => Promise.all(servers.map(({ server }) => stopServer(server, 1_000))),
  };
}

/** The seeded demo tutor's id: their page is the one the web benches measure. */
export async function demoTutorId(gateway: string): Promise<string> {
  const login = await fetch(`${gateway}/api/users/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'maya@demo.local', password: 'maya-demo-pass-2026' }),
  });
  return ((await login.json()) as { user: { id: string } }).user.id;
}

/** The middle value (the upper one of an even count). */
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs a bench to its end: the browsers and servers it leaves behind do not keep the process alive. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
