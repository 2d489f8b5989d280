// The release pipelines on the synthesised template: one per deployable, their stages, actions and artifacts, the
// roles scoped to one image repository and one deployment group, the push filters and the notifications.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { releasedDeployables } from '@tutoring-platform/shared/catalog';
import { taskFamily } from '../lib/names';
import { buildPlatform } from '../lib/platform';
import { releaseArtifacts, triggerPaths } from '../lib/stacks/pipeline-stack';

const cdkContext = (JSON.parse(readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> })
  .context;
type Resource = { Type: string; Properties: Record<string, unknown> };
interface Action {
  Name: string;
  ActionTypeId: { Category: string; Provider: string };
  Configuration: Record<string, unknown>;
  InputArtifacts?: { Name: string }[];
  OutputArtifacts?: { Name: string }[];
  RoleArn: { 'Fn::GetAtt': [string, string] };
}

function synthPipeline(environment: 'dev' | 'prod', context: Record<string, string> = {}) {
  const outdir = path.join(__dirname, '..', 'cdk.out', `test-pipeline-${environment}`);
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ context: { ...cdkContext, ...context, env: environment }, outdir });
  const platform = buildPlatform(app, { environment, account: '111111111111', region: 'eu-west-1' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth(); // throws on an unacknowledged cdk-nag finding
  const template = Template.fromStack(platform.pipeline);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const pipelines = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::CodePipeline::Pipeline');
  const pipelineOf = (name: string) => pipelines.find(([, r]) => r.Properties.Name === `tutoring-platform-${environment}-${name}`)![1];
  const policyOf = (roleLogicalId: string) =>
    JSON.stringify(
      Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleLogicalId))
        .map((r) => r.Properties.PolicyDocument),
    );
  return { template, resources, pipelines, pipelineOf, policyOf };
}

describe('the release pipelines in prod (CodeCommit source)', () => {
  let synth: ReturnType<typeof synthPipeline>;
  beforeAll(() => {
    synth = synthPipeline('prod');
  }, 120_000);

  it('when synthesised, then each deployable has its own V2 pipeline: source, build, approval, blue/green deploy', () => {
    expect(synth.pipelines).toHaveLength(releasedDeployables.length);
    synth.template.resourceCountIs('AWS::CodeCommit::Repository', 1);
    for (const { name } of releasedDeployables) {
      const pipeline = synth.pipelineOf(name).Properties as { PipelineType: string; ExecutionMode: string; Stages: { Name: string }[] };
      expect(pipeline.PipelineType).toBe('V2');
      expect(pipeline.ExecutionMode).toBe('QUEUED');
      expect(pipeline.Stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'Approve', 'Deploy']);
    }
  });

  it.each(releasedDeployables.map((d) => [d.name]))(
    'when %s is released, then the build hands taskdef/appspec and the image to CodeDeploy as separate artifacts',
    (name) => {
      const stages = (synth.pipelineOf(name).Properties as { Stages: { Name: string; Actions: Action[] }[] }).Stages;
      const [build] = stages.find((s) => s.Name === 'Build')!.Actions;
      expect(build!.ActionTypeId).toMatchObject({ Category: 'Build', Provider: 'CodeBuild' });
      expect(build!.InputArtifacts).toEqual([{ Name: 'source' }]);
      expect(build!.OutputArtifacts).toEqual([{ Name: releaseArtifacts.definitions }, { Name: releaseArtifacts.image }]);
      const [deploy] = stages.find((s) => s.Name === 'Deploy')!.Actions;
      expect(deploy!.ActionTypeId).toMatchObject({ Category: 'Deploy', Provider: 'CodeDeployToECS' });
      expect(deploy!.Configuration).toMatchObject({
        TaskDefinitionTemplateArtifact: releaseArtifacts.definitions,
        TaskDefinitionTemplatePath: 'taskdef.json',
        AppSpecTemplateArtifact: releaseArtifacts.definitions,
        AppSpecTemplatePath: 'appspec.yaml',
        Image1ArtifactName: releaseArtifacts.image,
        Image1ContainerName: 'IMAGE1_NAME',
      });
      expect(JSON.stringify(deploy!.Configuration.DeploymentGroupName)).toContain(`${name}Deployment`);
    },
  );

  it.each(releasedDeployables.map((d) => [d.name]))(
    'when %s builds, then CodeBuild runs buildspec.yml privileged with its family, and pushes to its own repository only',
    (name) => {
      const [projectId, project] = Object.entries(synth.resources).find(
        ([, r]) => r.Type === 'AWS::CodeBuild::Project' && r.Properties.Name === `tutoring-platform-prod-${name}`,
      )!;
      const environment = project.Properties.Environment as {
        PrivilegedMode: boolean;
        EnvironmentVariables: { Name: string; Value: unknown }[];
      };
      expect(environment.PrivilegedMode).toBe(true);
      expect((project.Properties.Source as { BuildSpec: string }).BuildSpec).toBe('buildspec.yml');
      const variables = Object.fromEntries(environment.EnvironmentVariables.map((v) => [v.Name, v.Value]));
      expect(variables).toMatchObject({ DEPLOYABLE: name, PLATFORM_ENV: 'prod', TASK_FAMILY: taskFamily({ name: 'prod' } as never, name) });
      expect(JSON.stringify(variables.REPOSITORY_URI)).toContain(`${name}Repository`);
      const roleId = (project.Properties.ServiceRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const policy = synth.policyOf(roleId);
      expect(policy).toContain('ecr:PutImage');
      for (const other of releasedDeployables.filter((d) => d.name !== name)) expect(policy).not.toContain(`${other.name}Repository`);
      expect(projectId.startsWith(name)).toBe(true);
    },
  );

  it.each(releasedDeployables.map((d) => [d.name]))(
    'when %s deploys, then its deploy role reaches its own deployment group and passes only its own task roles',
    (name) => {
      const stages = (synth.pipelineOf(name).Properties as { Stages: { Name: string; Actions: Action[] }[] }).Stages;
      const roleId = stages.find((s) => s.Name === 'Deploy')!.Actions[0]!.RoleArn['Fn::GetAtt'][0];
      const policy = synth.policyOf(roleId);
      expect(policy).toContain('codedeploy:CreateDeployment');
      expect(policy).toContain(`${name}Deployment`);
      for (const other of releasedDeployables.filter((d) => d.name !== name)) expect(policy).not.toContain(`${other.name}Deployment`);
      const statements = JSON.parse(policy) as { Statement: { Effect: string; Action: string; NotResource?: unknown[] }[] }[];
      const deny = statements.flatMap((d) => d.Statement).find((s) => s.Effect === 'Deny');
      expect(deny).toMatchObject({ Action: 'iam:PassRole' });
      expect(JSON.stringify(deny!.NotResource)).toContain(`${name}Task`);
    },
  );

  it('when a pipeline succeeds, fails or waits for approval, then a notification rule tells the platform topic', () => {
    synth.template.resourceCountIs('AWS::CodeStarNotifications::NotificationRule', releasedDeployables.length);
    synth.template.allResourcesProperties('AWS::CodeStarNotifications::NotificationRule', {
      EventTypeIds: Match.arrayWith([
        'codepipeline-pipeline-pipeline-execution-failed',
        'codepipeline-pipeline-pipeline-execution-succeeded',
        'codepipeline-pipeline-manual-approval-needed',
      ]),
      Targets: [{ TargetType: 'SNS', TargetAddress: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('Alarms') }) }],
    });
  });
});

describe('the release pipelines in dev with a GitHub source', () => {
  let synth: ReturnType<typeof synthPipeline>;
  beforeAll(() => {
    synth = synthPipeline('dev', {
      githubConnectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0f0e0d0c-1111-4222-8333-444455556666',
      githubRepository: 'campus-labs/tutoring-platform',
    });
  }, 120_000);

  it('when synthesised, then there is no approval, the source is the connection and no CodeCommit repository is made', () => {
    synth.template.resourceCountIs('AWS::CodeCommit::Repository', 0);
    for (const { name } of releasedDeployables) {
      const stages = (synth.pipelineOf(name).Properties as { Stages: { Name: string; Actions: Action[] }[] }).Stages;
      expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'Deploy']);
      expect(stages[0]!.Actions[0]!.Configuration).toMatchObject({ FullRepositoryId: 'campus-labs/tutoring-platform', BranchName: 'main' });
    }
  });

  it("when a push touches one service's folder, then only its pipeline's filter matches; shared files match every filter", () => {
    const filters = Object.fromEntries(
      releasedDeployables.map(({ name }) => {
        const triggers = synth.pipelineOf(name).Properties.Triggers as {
          GitConfiguration: { Push: { FilePaths: { Includes: string[] } }[] };
        }[];
        return [name, triggers[0]!.GitConfiguration.Push[0]!.FilePaths.Includes];
      }),
    );
    for (const deployable of releasedDeployables) {
      expect(filters[deployable.name]).toEqual(triggerPaths(deployable));
      for (const other of releasedDeployables.filter((d) => d.name !== deployable.name)) {
        expect(filters[deployable.name]).not.toContain(`${other.workspace}/**`);
      }
      for (const shared of ['services/shared/**', 'package-lock.json', 'buildspec.yml', 'appspec.yaml']) {
        expect(filters[deployable.name]).toContain(shared);
      }
    }
    expect(filters.users).toContain('services/postgres/**');
    expect(filters.groups).not.toContain('services/postgres/**');
    expect(filters.web).toEqual(expect.arrayContaining(['frontend/**', 'services/web/**']));
  });
});
