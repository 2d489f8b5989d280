// Delivery: one CodePipeline (V2) per deployable, source -> build -> [approval] -> CodeDeploy blue/green. A push that
// touches a deployable's own folders releases only that deployable; a change to what every image is built from
// (root manifests, shared packages, buildspec, appspec) starts every pipeline, and they release in parallel.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type CfnElement, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct, IConstruct } from 'constructs';
import { releasedDeployables } from '@tutoring-platform/shared/catalog';
import type { EnvironmentConfig } from '../config/environments';
import { accessLogBucket } from '../constructs/access-log-bucket';
import type { BlueGreenService } from '../constructs/blue-green-service';
import { platform, taskFamily } from '../names';

/** The build's output artifacts; buildspec.yml's secondary artifacts carry the same names. */
export const releaseArtifacts = { definitions: 'definitions', image: 'image' } as const;

/** Files at the root every image is built from: a change to one releases everything. */
const rootBuildFiles = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'buildspec.yml', 'appspec.yaml'];

export type SourceSettings =
  { kind: 'codecommit'; branch: string } | { kind: 'github'; connectionArn: string; owner: string; repository: string; branch: string };

export interface PipelineStackProps extends StackProps {
  config: EnvironmentConfig;
  source: SourceSettings;
  deployables: Record<string, BlueGreenService>;
  repositories: Record<string, ecr.IRepository>;
  notifications: sns.ITopic;
}

const repoRoot = path.dirname(path.dirname(require.resolve('@tutoring-platform/infra/package.json')));

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

/** Every workspace's package.json by package name, read once. */
let workspaceManifests: Map<string, { folder: string; manifest: Manifest }> | undefined;
function workspacesByName(): Map<string, { folder: string; manifest: Manifest }> {
  if (workspaceManifests) return workspaceManifests;
  const read = <T>(file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as T;
  workspaceManifests = new Map(
    read<{ workspaces: string[] }>('package.json').workspaces.map((folder) => {
      const manifest = read<Manifest>(path.join(folder, 'package.json'));
      return [manifest.name, { folder, manifest }];
    }),
  );
  return workspaceManifests;
}

/** The folders an image is built from: its own workspaces and, transitively, their production workspace dependencies. */
export function imageFolders(workspaces: readonly string[]): string[] {
  const byFolder = new Map([...workspacesByName().values()].map((w) => [w.folder, w.manifest]));
  const folders = new Set<string>();
  const visit = (folder: string) => {
    if (folders.has(folder)) return;
    folders.add(folder);
    for (const dependency of Object.keys(byFolder.get(folder)?.dependencies ?? {})) {
      const dependencyFolder = workspacesByName().get(dependency)?.folder;
      if (dependencyFolder) visit(dependencyFolder);
    }
  };
  workspaces.forEach(visit);
  return [...folders].sort();
}

/** The push filter of a deployable's pipeline (CodePipeline takes at most 8 include patterns). */
export function triggerPaths(deployable: (typeof releasedDeployables)[number]): string[] {
  const paths = [...imageFolders(deployable.imageWorkspaces).map((folder) => `${folder}/**`), ...rootBuildFiles];
  if (paths.length > 8) throw new Error(`${deployable.name}: ${paths.length} trigger paths, CodePipeline takes 8`);
  return paths;
}

export class PipelineStack extends Stack {
  readonly pipelines: Record<string, codepipeline.Pipeline> = {};
  readonly repository?: codecommit.Repository;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);

    const key = new kms.Key(this, 'ArtifactKey', { enableKeyRotation: true, description: 'release artifacts' });
    const accessLogs = accessLogBucket(this, 'ArtifactAccessLogs');
    const artifacts = new s3.Bucket(this, 'Artifacts', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    if (props.source.kind === 'codecommit') {
      this.repository = new codecommit.Repository(this, 'Repository', {
        repositoryName: platform,
        description: 'The tutoring platform: services, web app and infrastructure',
      });
    }

    for (const deployable of releasedDeployables) {
      const service = props.deployables[deployable.name];
      const repository = props.repositories[deployable.name];
      if (!service || !repository) throw new Error(`no service or image repository for ${deployable.name}`);
      this.pipelines[deployable.name] = this.releasePipeline(deployable, service, repository, artifacts, key, props);
    }
  }

  private releasePipeline(
    deployable: (typeof releasedDeployables)[number],
    service: BlueGreenService,
    repository: ecr.IRepository,
    artifactBucket: s3.IBucket,
    key: kms.IKey,
    props: PipelineStackProps,
  ): codepipeline.Pipeline {
    const { config, source } = props;
    const name = deployable.name;
    const sourceOutput = new codepipeline.Artifact('source');
    const sourceAction =
      source.kind === 'codecommit'
        ? new actions.CodeCommitSourceAction({
            actionName: 'Source',
            repository: this.repository!,
            branch: source.branch,
            output: sourceOutput,
          })
        : new actions.CodeStarConnectionsSourceAction({
            actionName: 'Source',
            connectionArn: source.connectionArn,
            owner: source.owner,
            repo: source.repository,
            branch: source.branch,
            output: sourceOutput,
            triggerOnPush: true,
          });

    const project = new codebuild.PipelineProject(this, `${name}Build`, {
      projectName: `${platform}-${config.name}-${name}`,
      description: `Tests, then the ${name} image pushed to ECR and its CodeDeploy artifacts (buildspec.yml)`,
      buildSpec: codebuild.BuildSpec.fromSourceFilename('buildspec.yml'),
      environment: {
        buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
        computeType: codebuild.ComputeType.LARGE,
        // docker build needs the Docker daemon inside the build container
        privileged: true,
      },
      environmentVariables: {
        DEPLOYABLE: { value: name },
        PLATFORM_ENV: { value: config.name },
        REPOSITORY_URI: { value: repository.repositoryUri },
        TASK_FAMILY: { value: taskFamily(config, name) },
      },
      encryptionKey: key,
      timeout: Duration.minutes(60),
      logging: { cloudWatch: { logGroup: new logs.LogGroup(this, `${name}BuildLogs`, { retention: config.logRetention }) } },
    });
    repository.grantPullPush(project);
    const logicalId = (construct: Construct) => Stack.of(this).getLogicalId(construct.node.defaultChild as CfnElement);
    acknowledgeArtifactGrants(project, artifactBucket, [
      `Resource::arn:<AWS::Partition>:codebuild:${this.region}:${this.account}:report-group/<${logicalId(project)}>-*`,
      `Resource::arn:<AWS::Partition>:logs:${this.region}:${this.account}:log-group:/aws/codebuild/<${logicalId(project)}>:*`,
    ]);
    project.addToRolePolicy(
      new iam.PolicyStatement({
        // DescribeTaskDefinition takes no resource: IAM has no resource-level permission for it
        actions: ['ecs:DescribeTaskDefinition'],
        resources: ['*'],
      }),
    );
    Validations.of(project).acknowledge({
      id: 'AwsSolutions-CB3',
      reason: 'Privileged mode runs the Docker daemon that builds the image; the build runs only this repository’s code.',
    });
    Validations.of(project.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken and ecs:DescribeTaskDefinition have no resource-level permissions in IAM.',
    });

    const definitions = new codepipeline.Artifact(releaseArtifacts.definitions);
    const image = new codepipeline.Artifact(releaseArtifacts.image);
    const stages: codepipeline.StageProps[] = [
      { stageName: 'Source', actions: [sourceAction] },
      {
        stageName: 'Build',
        actions: [new actions.CodeBuildAction({ actionName: 'TestAndBuild', project, input: sourceOutput, outputs: [definitions, image] })],
      },
    ];
    if (config.manualApproval) {
      stages.push({
        stageName: 'Approve',
        actions: [
          new actions.ManualApprovalAction({
            actionName: 'Approve',
            notificationTopic: props.notifications,
            additionalInformation: `Release ${name} to ${config.name}`,
          }),
        ],
      });
    }
    // CDK lets the deploy action pass any role to ECS; this one passes only the deployable's own task roles.
    const deployRole = new iam.Role(this, `${name}DeployRole`, { assumedBy: new iam.AccountRootPrincipal() });
    const taskDefinition = service.taskDefinition;
    deployRole.addToPolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['iam:PassRole'],
        notResources: [taskDefinition.taskRole.roleArn, taskDefinition.obtainExecutionRole().roleArn],
      }),
    );
    stages.push({
      stageName: 'Deploy',
      actions: [
        new actions.CodeDeployEcsDeployAction({
          actionName: 'BlueGreen',
          role: deployRole,
          deploymentGroup: service.deploymentGroup,
          taskDefinitionTemplateFile: definitions.atPath('taskdef.json'),
          appSpecTemplateFile: definitions.atPath('appspec.yaml'),
          containerImageInputs: [{ input: image, taskDefinitionPlaceholder: 'IMAGE1_NAME' }],
        }),
      ],
    });

    const pipeline = new codepipeline.Pipeline(this, `${name}Pipeline`, {
      pipelineName: `${platform}-${config.name}-${name}`,
      pipelineType: codepipeline.PipelineType.V2,
      executionMode: codepipeline.ExecutionMode.QUEUED,
      artifactBucket,
      restartExecutionOnUpdate: false,
      stages,
      ...(source.kind === 'github'
        ? {
            triggers: [
              {
                providerType: codepipeline.ProviderType.CODE_STAR_SOURCE_CONNECTION,
                gitConfiguration: {
                  sourceAction,
                  pushFilter: [{ branchesIncludes: [source.branch], filePathsIncludes: triggerPaths(deployable) }],
                },
              },
            ],
          }
        : {}),
    });
    // the deploy action registers the task definition revision from taskdef.json, which has no ARN before it exists
    acknowledgeArtifactGrants(pipeline, artifactBucket, []);
    acknowledgeArtifactGrants(deployRole, artifactBucket, ['Resource::*']);
    pipeline.notifyOn(`${name}Results`, props.notifications, {
      events: [
        codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_FAILED,
        codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_SUCCEEDED,
        codepipeline.PipelineNotificationEvents.PIPELINE_EXECUTION_CANCELED,
        codepipeline.PipelineNotificationEvents.ACTION_EXECUTION_FAILED,
        codepipeline.PipelineNotificationEvents.MANUAL_APPROVAL_NEEDED,
      ],
    });
    return pipeline;
  }
}

/**
 * The wildcards CDK writes when it grants a role the pipeline's artifacts (object prefixes, KMS data keys) and the
 * build's own logs and reports: scoped to the one bucket, key, log group and report group, acknowledged one by one.
 */
function acknowledgeArtifactGrants(scope: IConstruct, bucket: s3.IBucket, extra: string[]): void {
  const bucketId = Stack.of(scope).getLogicalId(bucket.node.defaultChild as CfnElement);
  const ids = [
    'Action::kms:GenerateDataKey*',
    'Action::kms:ReEncrypt*',
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    `Resource::<${bucketId}.Arn>/*`,
    ...extra,
  ];
  for (const id of ids) {
    Validations.of(scope).acknowledge({
      id: `AwsSolutions-IAM5[${id}]`,
      reason: 'Generated by CDK for one pipeline: the artifact bucket and its key, this build’s logs and reports, the ECS registration.',
    });
  }
}
