// Drives docker compose for the container tests and figures: Compose v2 (`docker compose`) where the Docker CLI has
// it, else docker-compose 1.29; one project name per run so runs never share containers or volumes.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
const composeFile = path.join(repoRoot, 'docker-compose.yml');

const composeCommand: string[] = (() => {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return ['docker', 'compose'];
  } catch {
    return ['docker-compose'];
  }
})();

export async function compose(project: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const [command, ...prefix] = composeCommand as [string, ...string[]];
  const { stdout } = await run(command, [...prefix, '-p', project, '-f', composeFile, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

export async function containerOf(project: string, service: string): Promise<string> {
  const id = (await compose(project, ['ps', '-q', service])).trim();
  if (!id) throw new Error(`no container for ${service} in ${project}`);
  return id;
}

/** Resolves once every named service's container reports healthy; fails after `timeoutMs` with their states. */
export async function untilHealthy(project: string, services: string[], timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let states: string[] = [];
  while (Date.now() < deadline) {
    states = await Promise.all(
      services.map(async (service) => {
        const id = await containerOf(project, service).catch(() => '');
        if (!id) return `${service}: no container`;
        const { stdout } = await run('docker', [
          'inspect',
          '--format',
          '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}',
          id,
        ]);
        return `${service}: ${stdout.trim()}`;
      }),
    );
    if (states.every((s) => s.endsWith('running healthy'))) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`not healthy within ${timeoutMs / 1000} s:\n${states.join('\n')}`);
}
