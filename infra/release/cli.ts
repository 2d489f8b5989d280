// The build's release steps (buildspec.yml), one deployable at a time:
//   image     --deployable users --repository <ecr uri> --tag <sha> [--push]   docker build (and push) -> release/<name>/image.json
//   artifacts --deployable users --registered <describe-task-definition json> --env dev
//             [--out dir]                                              -> release/<name>/{taskdef.json,appspec.yaml,imageDetail.json}
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { releasedDeployables } from '@tutoring-platform/shared/catalog';
import { environmentNamed } from '../lib/config/environments';
import { smokeTestFunctionName } from '../lib/names';
import { appSpecFor, imageDetail, taskDefinitionTemplate, type RegisteredTaskDefinition } from './release-artifacts';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const releaseDir = (name: string) => path.join(repoRoot, 'release', name);

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    deployable: { type: 'string' },
    repository: { type: 'string' },
    tag: { type: 'string' },
    push: { type: 'boolean', default: false },
    registered: { type: 'string' },
    env: { type: 'string' },
    out: { type: 'string' },
  },
});

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) throw new Error(`--${name} is required`);
  return value;
}

const deployable = releasedDeployables.find((d) => d.name === required('deployable'));
if (!deployable) throw new Error(`unknown deployable; one of ${releasedDeployables.map((d) => d.name).join(', ')}`);
mkdirSync(releaseDir(deployable.name), { recursive: true });
const docker = (...args: string[]) =>
  execFileSync('docker', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] })
    .toString()
    .trim();

switch (positionals[0]) {
  case 'image': {
    const repository = required('repository');
    const tag = required('tag');
    const image = `${repository}:${tag}`;
    execFileSync(
      'docker',
      ['build', '-f', path.join(deployable.workspace, 'Dockerfile'), '--build-arg', `REVISION=${tag}`, '-t', image, '.'],
      { cwd: repoRoot, stdio: 'inherit' },
    );
    let digest: string;
    if (values.push) {
      execFileSync('docker', ['push', image], { cwd: repoRoot, stdio: 'inherit' });
      digest = docker('inspect', '--format', '{{index .RepoDigests 0}}', image).split('@')[1] ?? '';
    } else {
      // not pushed (a local rehearsal): the image ID stands in for the registry digest
      digest = docker('inspect', '--format', '{{.Id}}', image);
    }
    writeFileSync(path.join(releaseDir(deployable.name), 'image.json'), JSON.stringify({ repository, tag, digest }));
    process.stdout.write(`${deployable.name}: ${image} ${digest}\n`);
    break;
  }
  case 'artifacts': {
    const config = environmentNamed(required('env'));
    const registered = JSON.parse(readFileSync(required('registered'), 'utf8')) as RegisteredTaskDefinition;
    const image = JSON.parse(readFileSync(path.join(releaseDir(deployable.name), 'image.json'), 'utf8')) as {
      repository: string;
      digest: string;
    };
    const out = values.out ? path.resolve(values.out) : releaseDir(deployable.name);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'taskdef.json'), JSON.stringify(taskDefinitionTemplate(registered, deployable), null, 2));
    writeFileSync(
      path.join(out, 'appspec.yaml'),
      appSpecFor(readFileSync(path.join(repoRoot, 'appspec.yaml'), 'utf8'), deployable, smokeTestFunctionName(config)),
    );
    writeFileSync(path.join(out, 'imageDetail.json'), imageDetail(image.repository, image.digest));
    process.stdout.write(`${deployable.name}: ${out}/{taskdef.json,appspec.yaml,imageDetail.json}\n`);
    break;
  }
  default:
    throw new Error('usage: cli.js image|artifacts --deployable <name> ...');
}
