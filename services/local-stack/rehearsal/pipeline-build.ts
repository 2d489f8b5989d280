// `npm run rehearse:build`: the build of a release as CodeBuild runs buildspec.yml, rehearsed on this machine in a
// fresh clone of HEAD, up to the push: every phase's commands in one shell, in order, timed per phase. What needs AWS
// or the internet is left out and said so (registry login and push, the RDS CA download, the Chromium download: the
// machine's own Chromium serves), and the task definition CodeBuild would read from ECS is the one CDK synthesises.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../containers/compose-project';

const deployable = process.argv[2] ?? 'tutoring';
const buildSpec = parse(readFileSync(path.join(repoRoot, 'buildspec.yml'), 'utf8')) as {
  env?: { variables?: Record<string, string> };
  phases: Record<string, { commands: string[] }>;
};

/** Commands that reach AWS or the internet, and what the rehearsal does instead. */
const standIns: [RegExp, string][] = [
  [/playwright-core install/, ': the machine has Chromium'],
  [/^export CHROMIUM_PATH=/, ': CHROMIUM_PATH as the machine has it'],
  [/rds-global-bundle\.pem/, ': no RDS CA download offline'],
  [/^aws ecr get-login-password/, ': no registry to log in to'],
  [
    /^aws ecs describe-task-definition/,
    // the revision CDK registers, from the synthesised template (CloudFormation's names in the ECS API's casing)
    `(cd infra && CDK_DEFAULT_ACCOUNT=111111111111 AWS_REGION=eu-west-1 npx cdk synth --quiet -c env=$PLATFORM_ENV -o "$REHEARSAL_CDK_OUT" >/dev/null) && node -e '${registeredFromTemplate()}' > release/registered.json`,
  ],
];

function registeredFromTemplate(): string {
  return [
    'const fs = require("fs");',
    'const t = JSON.parse(fs.readFileSync(`${process.env.REHEARSAL_CDK_OUT}/TutoringPlatform-${process.env.PLATFORM_ENV}-Services.template.json`));',
    'const camel = (v) => Array.isArray(v) ? v.map(camel) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k[0].toLowerCase() + k.slice(1), camel(x)])) : v;',
    'const r = Object.values(t.Resources).find((r) => r.Type === "AWS::ECS::TaskDefinition" && r.Properties.Family === process.env.TASK_FAMILY);',
    'process.stdout.write(JSON.stringify(camel(r.Properties)));',
  ].join(' ');
}

function script(): string {
  const lines = ['set -eo pipefail'];
  for (const [name, phase] of Object.entries(buildSpec.phases)) {
    lines.push(`echo "::phase ${name} $(date +%s%3N)"`);
    for (const command of phase.commands) {
      const standIn = standIns.find(([pattern]) => pattern.test(command));
      lines.push(standIn ? standIn[1] : command.replace(/ --push\b/, ''));
    }
  }
  lines.push('echo "::phase done $(date +%s%3N)"');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const clone = mkdtempSync(path.join(os.tmpdir(), 'tp-build-'));
  // embedded PostgreSQL runs initdb as an unprivileged user when we are root: it must reach the clone
  chmodSync(clone, 0o755);
  const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot }).toString().trim();
  execFileSync('git', ['clone', '--quiet', repoRoot, clone]);
  const env = {
    ...process.env,
    ...buildSpec.env?.variables,
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
    DEPLOYABLE: deployable,
    PLATFORM_ENV: 'dev',
    REPOSITORY_URI: `tutoring-platform/${deployable}`,
    TASK_FAMILY: `tutoring-platform-dev-${deployable}`,
    CODEBUILD_RESOLVED_SOURCE_VERSION: sha,
    REHEARSAL_CDK_OUT: path.join(clone, 'infra', 'cdk.out.rehearsal'),
  };
  const marks: [string, number][] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('bash', ['-c', script()], { cwd: clone, env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const mark = /^::phase (\S+) (\d+)$/.exec(line);
        if (mark) marks.push([mark[1]!, Number(mark[2])]);
        else if (line) process.stderr.write(`${line}\n`);
      }
    });
    child.on('exit', resolve);
  });
  const artifacts = path.join(clone, 'release', 'out');
  console.log(`\nbuildspec.yml for ${deployable} at ${sha.slice(0, 7)}, rehearsed up to the push (exit ${code}):`);
  const ended = Date.now();
  for (let i = 0; i < marks.length && marks[i]![0] !== 'done'; i += 1) {
    const [phase, at] = marks[i]!;
    const until = marks[i + 1]?.[1] ?? ended;
    console.log(`  ${phase.padEnd(10)} ${((until - at) / 1000).toFixed(1).padStart(7)} s${marks[i + 1] ? '' : ' (failed)'}`);
  }
  if (marks.length > 1) console.log(`  ${'total'.padEnd(10)} ${((marks.at(-1)![1] - marks[0]![1]) / 1000).toFixed(1).padStart(7)} s`);
  if (code === 0) console.log(`  artifacts: ${execFileSync('ls', [artifacts]).toString().trim().split('\n').join(', ')}`);
  rmSync(clone, { recursive: true, force: true });
  if (code !== 0) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
