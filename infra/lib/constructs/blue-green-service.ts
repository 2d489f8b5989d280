// One deployable on ECS Fargate with CodeDeploy blue/green: its task definition (explicit family), the service,
// blue and green target groups on the shared listeners, alarms over both target groups, the deployment group,
// CPU/memory autoscaling and the exam-season schedule.
import { Duration, Validations } from 'aws-cdk-lib';
import * as applicationautoscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environments';
import { taskFamily } from '../names';

export interface ExamSeason {
  name: string;
  /** UTC dates, inclusive. */
  start: string;
  end: string;
  minTasks: Record<string, number>;
}

export interface BlueGreenServiceProps {
  config: EnvironmentConfig;
  cluster: ecs.ICluster;
  /** The deployable's name (users, tutoring, groups, web). */
  name: string;
  image: ecs.ContainerImage;
  containerPort: number;
  /** Target-group health check (readiness). */
  readyPath: string;
  /** Container health check (liveness). */
  healthPath: string;
  environment: Record<string, string>;
  secrets?: Record<string, ecs.Secret>;
  /** Path patterns routed here, with the rule priority; undefined for the listeners' default (the web app). */
  route?: { pathPatterns: string[]; priority: number };
  prodListener: elbv2.ApplicationListener;
  testListener: elbv2.ApplicationListener;
  examSeasons: readonly ExamSeason[];
  /** Alarm actions besides failing the deployment (the platform's SNS topic). */
  alarmAction: cloudwatch.IAlarmAction;
  /** Alarm when the service reports a store it needs down or stalled (API services). @default false */
  watchesStores?: boolean;
}

export class BlueGreenService extends Construct {
  readonly service: ecs.FargateService;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly blueTargetGroup: elbv2.ApplicationTargetGroup;
  readonly greenTargetGroup: elbv2.ApplicationTargetGroup;
  readonly deploymentGroup: codedeploy.EcsDeploymentGroup;
  readonly alarms: cloudwatch.Alarm[];
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: BlueGreenServiceProps) {
    super(scope, id);
    const { config, name } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/tutoring-platform/${config.name}/${name}`,
      retention: config.logRetention,
    });
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      family: taskFamily(config, name),
      cpu: config.task.cpu,
      memoryLimitMiB: config.task.memoryMiB,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    // Fargate has no tmpfs: a task-local volume is the only writable place, the root filesystem stays read-only.
    this.taskDefinition.addVolume({ name: 'tmp' });
    const container = this.taskDefinition.addContainer('app', {
      containerName: name,
      image: props.image,
      portMappings: [{ containerPort: props.containerPort }],
      environment: { ...props.environment, NODE_ENV: 'production' },
      ...(props.secrets ? { secrets: props.secrets } : {}),
      readonlyRootFilesystem: true,
      user: 'node',
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: name }),
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${props.containerPort}${props.healthPath}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
        ],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
      stopTimeout: Duration.seconds(30),
    });
    container.addMountPoints({ containerPath: '/tmp', sourceVolume: 'tmp', readOnly: false });
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'Only non-secret settings from the service catalog are plain environment variables; secrets come from Secrets Manager.',
    });
    Validations.of(this.taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken (the only action on *) has no resource-level permissions in IAM.',
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: config.minTasks,
      deploymentController: { type: ecs.DeploymentControllerType.CODE_DEPLOY },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      // ECS spreads tasks over the AZs of its subnets: two subnets, two AZs.
      minHealthyPercent: 100,
      healthCheckGracePeriod: Duration.seconds(60),
      enableExecuteCommand: false,
    });

    const vpc = props.cluster.vpc;
    const targetGroup = (color: string) =>
      new elbv2.ApplicationTargetGroup(this, `${color}TargetGroup`, {
        vpc,
        port: props.containerPort,
        protocol: elbv2.ApplicationProtocol.HTTP,
        targetType: elbv2.TargetType.IP,
        deregistrationDelay: Duration.seconds(30),
        healthCheck: { path: props.readyPath, healthyHttpCodes: '200', interval: Duration.seconds(10), healthyThresholdCount: 2 },
      });
    this.blueTargetGroup = targetGroup('Blue');
    this.greenTargetGroup = targetGroup('Green');
    this.service.attachToApplicationTargetGroup(this.blueTargetGroup);
    // Prod traffic starts on blue, the test listener on green (so both target groups belong to the ALB); CodeDeploy
    // swaps them on each deployment, so CloudFormation must not change these rules after the first deploy.
    for (const [listenerName, listener, targetGroup] of [
      ['Prod', props.prodListener, this.blueTargetGroup],
      ['Test', props.testListener, this.greenTargetGroup],
    ] as const) {
      if (props.route) {
        new elbv2.ApplicationListenerRule(this, `${listenerName}Rule`, {
          listener,
          priority: props.route.priority,
          conditions: [elbv2.ListenerCondition.pathPatterns(props.route.pathPatterns)],
          targetGroups: [targetGroup],
        });
      } else {
        listener.addTargetGroups(`${listenerName}Default`, { targetGroups: [targetGroup] });
      }
    }

    this.alarms = this.createAlarms(props);
    this.deploymentGroup = new codedeploy.EcsDeploymentGroup(this, 'Deployment', {
      deploymentGroupName: `tutoring-platform-${config.name}-${name}`,
      service: this.service,
      blueGreenDeploymentConfig: {
        blueTargetGroup: this.blueTargetGroup,
        greenTargetGroup: this.greenTargetGroup,
        listener: props.prodListener,
        testListener: props.testListener,
        terminationWaitTime: config.terminationWait,
      },
      deploymentConfig: codedeploy.EcsDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: this.alarms,
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    Validations.of(this.deploymentGroup.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSCodeDeployRoleForECS]',
      reason: 'AWSCodeDeployRoleForECS is the policy AWS requires for CodeDeploy ECS blue/green (it moves listener rules and task sets).',
    });

    this.scale(props);
    if (props.watchesStores) this.watchStoreBreakers(props);
  }

  /**
   * The services log `breaker opened` when a store they need is down or stalled and they start answering 503 at
   * once, and `breaker closed` when it answers again (services/shared/src/dependency-breaker.ts): a metric from each,
   * and an alarm on any opening. Not a deployment alarm: a database failover during a release is not the release's
   * fault.
   */
  private watchStoreBreakers(props: BlueGreenServiceProps): void {
    const breakerMetric = (id: string, line: string) =>
      this.logGroup.addMetricFilter(`Breaker${id}`, {
        filterPattern: logs.FilterPattern.stringValue('$.msg', '=', line),
        metricNamespace: `TutoringPlatform/${props.config.name}`,
        metricName: `${props.name}StoreBreaker${id}`,
        metricValue: '1',
      });
    breakerMetric('Closed', 'breaker closed');
    const opened = breakerMetric('Opened', 'breaker opened');
    const alarm = opened.metric({ statistic: 'Sum', period: Duration.minutes(1) }).createAlarm(this, 'StoreBreakerOpened', {
      alarmDescription: `${props.name}: a store it needs was down or stalled (its circuit breaker opened; the log line names the store)`,
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(props.alarmAction);
  }

  /** 5xx ratio, p99 latency and unhealthy hosts, each over BOTH target groups: blue and green take turns. */
  private createAlarms(props: BlueGreenServiceProps): cloudwatch.Alarm[] {
    const both = <T>(metric: (tg: elbv2.ApplicationTargetGroup) => T): [T, T] => [
      metric(this.blueTargetGroup),
      metric(this.greenTargetGroup),
    ];
    const period = Duration.minutes(1);
    const [blue5xx, green5xx] = both((tg) =>
      tg.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period, statistic: 'Sum' }),
    );
    const [blueRequests, greenRequests] = both((tg) => tg.metrics.requestCount({ period, statistic: 'Sum' }));
    const [blueP99, greenP99] = both((tg) => tg.metrics.targetResponseTime({ period, statistic: 'p99' }));
    const [blueUnhealthy, greenUnhealthy] = both((tg) => tg.metrics.unhealthyHostCount({ period, statistic: 'Maximum' }));
    const alarm = (
      id: string,
      description: string,
      expression: string,
      usingMetrics: Record<string, cloudwatch.IMetric>,
      threshold: number,
    ) => {
      const created = new cloudwatch.MathExpression({ expression, usingMetrics, period, label: id }).createAlarm(this, id, {
        alarmDescription: `${props.name}: ${description}`,
        threshold,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(props.alarmAction);
      return created;
    };
    return [
      alarm(
        'ErrorRate',
        'more than 5% of one target group’s requests answered 5xx',
        // Each group's own ratio, not the sum's: a canary at 10 % answering half its requests with 500 is 5 % of the
        // sum, on the threshold; as its own ratio it is 50 %. A group with under 10 requests a minute is not judged.
        '100 * MAX([IF(FILL(br,0) >= 10, FILL(b5,0) / FILL(br,0), 0), IF(FILL(gr,0) >= 10, FILL(g5,0) / FILL(gr,0), 0)])',
        { b5: blue5xx, g5: green5xx, br: blueRequests, gr: greenRequests },
        5,
      ),
      alarm('Latency', 'p99 latency above 1 s', 'MAX([FILL(bl,0), FILL(gl,0)])', { bl: blueP99, gl: greenP99 }, 1),
      alarm('UnhealthyHosts', 'unhealthy targets', 'FILL(bu,0) + FILL(gu,0)', { bu: blueUnhealthy, gu: greenUnhealthy }, 0),
    ];
  }

  private scale(props: BlueGreenServiceProps): void {
    const { config } = props;
    const scaling = this.service.autoScaleTaskCount({ minCapacity: config.minTasks, maxCapacity: config.maxTasks });
    // Not ALBRequestCountPerTarget: that tracks one target group, and CodeDeploy swaps blue and green under it.
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    scaling.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: 70 });
    for (const season of props.examSeasons) {
      const minTasks = season.minTasks[props.name];
      if (minTasks === undefined) continue;
      const at = (date: string) => {
        const [year, month, day] = date.split('-').map(Number) as [number, number, number];
        return applicationautoscaling.Schedule.cron({ year: String(year), month: String(month), day: String(day), hour: '0', minute: '0' });
      };
      const after = new Date(`${season.end}T00:00:00Z`);
      after.setUTCDate(after.getUTCDate() + 1);
      scaling.scaleOnSchedule(`${season.name}Start`, {
        schedule: at(season.start),
        minCapacity: minTasks,
        maxCapacity: Math.max(config.maxTasks, minTasks),
      });
      scaling.scaleOnSchedule(`${season.name}End`, {
        schedule: at(after.toISOString().slice(0, 10)),
        minCapacity: config.minTasks,
        maxCapacity: config.maxTasks,
      });
    }
  }
}
