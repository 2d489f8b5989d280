// appspec.yaml and buildspec.yml at the root, checked against the CodeDeploy ECS AppSpec and CodeBuild buildspec
// references, and the files the build renders from them for each deployable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { releasedDeployables } from '@tutoring-platform/shared/catalog';
import { environments } from '../lib/config/environments';
import { smokeTestFunctionName } from '../lib/names';
import { releaseArtifacts } from '../lib/stacks/pipeline-stack';
import {
  appSpecFor,
  IMAGE_PLACEHOLDER,
  imageDetail,
  taskDefinitionTemplate,
  type RegisteredTaskDefinition,
} from '../release/release-artifacts';

const root = path.join(__dirname, '..', '..');
const appSpecText = readFileSync(path.join(root, 'appspec.yaml'), 'utf8');
const buildSpec = parse(readFileSync(path.join(root, 'buildspec.yml'), 'utf8')) as {
  version: number;
  env?: { variables?: Record<string, string> };
  phases: Record<string, { 'runtime-versions'?: Record<string, unknown>; commands: string[]; 'on-failure'?: string }>;
  artifacts: { files?: unknown; 'secondary-artifacts': Record<string, { 'base-directory': string; files: string[] }> };
};

/** The lifecycle hooks of an ECS deployment, in the order CodeDeploy runs them. */
const ecsHooks = ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AfterAllowTraffic'];
const ecsServiceProperties = ['TaskDefinition', 'LoadBalancerInfo', 'PlatformVersion', 'NetworkConfiguration', 'CapacityProviderStrategy'];

describe('appspec.yaml', () => {
  const spec = parse(appSpecText) as Record<string, unknown>;

  it('when read as an ECS AppSpec, then it has version 0.0, one ECS service target and only ECS hooks', () => {
    expect(Object.keys(spec).sort()).toEqual(['Hooks', 'Resources', 'version']);
    expect(String(spec.version)).toBe('0');
    const resources = spec.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>[];
    expect(resources).toHaveLength(1);
    const target = resources[0]!.TargetService!;
    expect(target.Type).toBe('AWS::ECS::Service');
    expect(Object.keys(target.Properties).every((p) => ecsServiceProperties.includes(p))).toBe(true);
    expect(target.Properties.TaskDefinition).toBe('<TASK_DEFINITION>');
    const hooks = (spec.Hooks as Record<string, string>[]).map((h) => Object.keys(h)[0]!);
    expect(hooks).toEqual(['AfterAllowTestTraffic']);
    expect(hooks.every((h) => ecsHooks.includes(h))).toBe(true);
  });

  it.each(releasedDeployables.map((d) => [d.name, d] as const))(
    'when rendered for %s, then its container and port come from the catalog and the hook names the smoke test',
    (_name, deployable) => {
      const rendered = parse(appSpecFor(appSpecText, deployable, smokeTestFunctionName(environments.prod))) as {
        Resources: { TargetService: { Properties: { TaskDefinition: string; LoadBalancerInfo: Record<string, unknown> } } }[];
        Hooks: Record<string, string>[];
      };
      const properties = rendered.Resources[0]!.TargetService.Properties;
      expect(properties.TaskDefinition).toBe('<TASK_DEFINITION>');
      expect(properties.LoadBalancerInfo).toEqual({ ContainerName: deployable.name, ContainerPort: deployable.containerPort });
      expect(rendered.Hooks).toEqual([{ AfterAllowTestTraffic: 'tutoring-platform-prod-smoke-test' }]);
      const text = appSpecFor(appSpecText, deployable, 'fn');
      expect(text).not.toMatch(/<(CONTAINER|SMOKE)_/);
      // CodeDeploy wants the version written as 0.0
      expect(text).toMatch(/^version: 0\.0$/m);
    },
  );
});

describe('buildspec.yml', () => {
  it('when read as a CodeBuild buildspec, then it is version 0.2 on Node 22 with known phases that stop at the first failure', () => {
    expect(buildSpec.version).toBe(0.2);
    expect(Object.keys(buildSpec.phases)).toEqual(['install', 'pre_build', 'build', 'post_build']);
    expect(buildSpec.phases.install!['runtime-versions']).toMatchObject({ nodejs: 22 });
    for (const phase of Object.values(buildSpec.phases)) {
      expect(phase['on-failure']).toBe('ABORT');
      expect(phase.commands.length).toBeGreaterThan(0);
    }
  });

  it('when it runs, then the tests gate the image: npm ci, npm test, then the image, then the artifacts', () => {
    const commands = Object.values(buildSpec.phases).flatMap((p) => p.commands);
    const at = (pattern: RegExp) => commands.findIndex((c) => pattern.test(c));
    expect(at(/^npm ci\b/)).toBeGreaterThanOrEqual(0);
    expect(at(/^npm test$/)).toBeGreaterThan(at(/^npm ci\b/));
    expect(at(/cli\.js image .*--push/)).toBeGreaterThan(at(/^npm test$/));
    expect(at(/rds-global-bundle\.pem/)).toBeLessThan(at(/cli\.js image/));
    expect(at(/describe-task-definition --task-definition "\$TASK_FAMILY"/)).toBeGreaterThan(at(/cli\.js image/));
    expect(at(/cli\.js artifacts .*--out release\/out/)).toBeGreaterThan(at(/describe-task-definition/));
  });

  it('when the pipeline reads its outputs, then the secondary artifacts carry its artifact names and CodeDeploy’s files', () => {
    expect(buildSpec.artifacts.files).toBeUndefined();
    const secondary = buildSpec.artifacts['secondary-artifacts'];
    expect(Object.keys(secondary).sort()).toEqual(Object.values(releaseArtifacts).sort());
    expect(secondary[releaseArtifacts.definitions]).toEqual({ 'base-directory': 'release/out', files: ['taskdef.json', 'appspec.yaml'] });
    expect(secondary[releaseArtifacts.image]).toEqual({ 'base-directory': 'release/out', files: ['imageDetail.json'] });
  });
});

describe('the rendered release files', () => {
  const users = releasedDeployables.find((d) => d.name === 'users')!;
  // what `aws ecs describe-task-definition --query taskDefinition` answers for a revision CDK registered
  const registered: RegisteredTaskDefinition = {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/tutoring-platform-prod-users:7',
    family: 'tutoring-platform-prod-users',
    revision: 7,
    status: 'ACTIVE',
    taskRoleArn: 'arn:aws:iam::111111111111:role/users-task',
    executionRoleArn: 'arn:aws:iam::111111111111:role/users-execution',
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    requiresCompatibilities: ['FARGATE'],
    compatibilities: ['EC2', 'FARGATE'],
    requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
    registeredAt: '2026-11-29T10:00:00.000Z',
    registeredBy: 'arn:aws:sts::111111111111:assumed-role/cfn-exec/AWSCloudFormation',
    containerDefinitions: [
      {
        name: 'users',
        image: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/tutoring-platform/users:bootstrap',
        portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
        secrets: [{ name: 'JWT_PRIVATE_KEY', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:jwt' }],
      },
      { name: 'log-router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable' },
    ],
  };

  it('when a registered revision becomes taskdef.json, then read-only fields go, the image is the placeholder and the rest stays', () => {
    const template = taskDefinitionTemplate(registered, users);
    for (const field of [
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
    ]) {
      expect(template).not.toHaveProperty(field);
    }
    expect(template).toMatchObject({ family: registered.family, taskRoleArn: registered.taskRoleArn, cpu: '512', networkMode: 'awsvpc' });
    const containers = template.containerDefinitions as { name: string; image: string; secrets?: unknown }[];
    expect(containers[0]).toMatchObject({ name: 'users', image: IMAGE_PLACEHOLDER, secrets: registered.containerDefinitions[0]!.secrets });
    expect(containers[1]!.image).toBe(registered.containerDefinitions[1]!.image);
  });

  it('when the revision has no container of that name, then rendering refuses', () => {
    const groups = releasedDeployables.find((d) => d.name === 'groups')!;
    expect(() => taskDefinitionTemplate(registered, groups)).toThrow('no container named groups');
  });

  it('when imageDetail.json is written, then it names the image by digest and refuses a tag', () => {
    const digest = `sha256:${'a1'.repeat(32)}`;
    expect(JSON.parse(imageDetail('111111111111.dkr.ecr.eu-west-1.amazonaws.com/tutoring-platform/users', digest))).toEqual({
      ImageURI: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/tutoring-platform/users@${digest}`,
    });
    expect(() => imageDetail('repo', 'latest')).toThrow('not an image digest');
  });
});
