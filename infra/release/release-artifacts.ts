// What the build hands CodeDeploy for one deployable: taskdef.json (the revision CDK registered, with the image left
// as a placeholder, so CDK owns the task's shape and the pipeline only its image), appspec.yaml and imageDetail.json.
import { parse, stringify } from 'yaml';
import type { releasedDeployables } from '@tutoring-platform/shared/catalog';

export type Deployable = (typeof releasedDeployables)[number];

/** The placeholder CodeDeploy's ECS action replaces with the image URI from imageDetail.json. */
export const IMAGE_PLACEHOLDER = '<IMAGE1_NAME>';

/** Fields `ecs describe-task-definition` answers that `register-task-definition` does not accept. */
const readOnlyFields = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'tags',
] as const;

interface ContainerDefinition {
  name: string;
  image: string;
  [field: string]: unknown;
}

export interface RegisteredTaskDefinition {
  family: string;
  containerDefinitions: ContainerDefinition[];
  [field: string]: unknown;
}

export function taskDefinitionTemplate(registered: RegisteredTaskDefinition, deployable: Deployable): Record<string, unknown> {
  const template: Record<string, unknown> = { ...registered };
  for (const field of readOnlyFields) delete template[field];
  if (!registered.containerDefinitions.some((c) => c.name === deployable.name)) {
    throw new Error(`task definition ${registered.family} has no container named ${deployable.name}`);
  }
  template.containerDefinitions = registered.containerDefinitions.map((container) =>
    container.name === deployable.name ? { ...container, image: IMAGE_PLACEHOLDER } : container,
  );
  return template;
}

interface AppSpec {
  version: number | string;
  Resources: { TargetService: { Type: string; Properties: { TaskDefinition: string; LoadBalancerInfo: Record<string, unknown> } } }[];
  Hooks?: Record<string, string>[];
}

/** The root appspec.yaml with the deployable's container and the smoke-test function filled in. */
export function appSpecFor(template: string, deployable: Deployable, smokeTestFunction: string): string {
  const spec = parse(template) as AppSpec;
  const target = spec.Resources[0]?.TargetService;
  if (!target) throw new Error('appspec.yaml has no TargetService');
  target.Properties.LoadBalancerInfo = { ContainerName: deployable.name, ContainerPort: deployable.containerPort };
  spec.Hooks = (spec.Hooks ?? []).map((hook) =>
    Object.fromEntries(Object.entries(hook).map(([event, fn]) => [event, fn === '<SMOKE_TEST_FUNCTION>' ? smokeTestFunction : fn])),
  );
  return stringify(spec);
}

/** imageDetail.json: the image by digest, so the deployed image is exactly the one built and scanned. */
export function imageDetail(repositoryUri: string, digest: string): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`not an image digest: ${digest}`);
  return JSON.stringify({ ImageURI: `${repositoryUri}@${digest}` });
}
