// What the build hands CodeDeploy for one deployable: taskdef.json (the revision CDK registered, with the image left
// as a placeholder, so CDK owns the task's shape and the pipeline only its image), appspec.yaml and imageDetail.json.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
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

/**
 * The root appspec.yaml with the deployable's container and the smoke-test function filled in. Edited as a YAML
 * document, not re-serialised data, so `version: 0.0` stays 0.0 (as a number it would print as 0).
 */
export function appSpecFor(template: string, deployable: Deployable, smokeTestFunction: string): string {
  const spec = parseDocument(template);
  const loadBalancerInfo = ['Resources', 0, 'TargetService', 'Properties', 'LoadBalancerInfo'];
  if (!spec.hasIn(loadBalancerInfo)) throw new Error('appspec.yaml has no TargetService LoadBalancerInfo');
  spec.setIn([...loadBalancerInfo, 'ContainerName'], deployable.name);
  spec.setIn([...loadBalancerInfo, 'ContainerPort'], deployable.containerPort);
  const hooks = spec.get('Hooks');
  if (isSeq(hooks)) {
    for (const hook of hooks.items) {
      if (!isMap(hook)) continue;
      for (const pair of hook.items) {
        if (isScalar(pair.value) && pair.value.value === '<SMOKE_TEST_FUNCTION>') pair.value.value = smokeTestFunction;
      }
    }
  }
  return spec.toString();
}

/** imageDetail.json: the image by digest, so the deployed image is exactly the one built and scanned. */
export function imageDetail(repositoryUri: string, digest: string): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`not an image digest: ${digest}`);
  return JSON.stringify({ ImageURI: `${repositoryUri}@${digest}` });
}
