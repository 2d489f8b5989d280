// The environments ops deploy (`cdk deploy -c env=prod`): everything that differs between dev and prod, typed.
// Account and region come from the CLI's environment (CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION), never from here.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export interface EnvironmentConfig {
  name: 'dev' | 'prod';
  /** NAT gateways: one in dev (cost), one per AZ in prod (an AZ outage keeps egress). */
  natGateways: number;
  /** Interface endpoints for ECR, CloudWatch Logs and Secrets Manager (about $7 a month each per AZ). */
  interfaceEndpoints: boolean;
  database: {
    instanceClass: string;
    allocatedStorageGiB: number;
    multiAz: boolean;
    backupRetention: Duration;
    deletionProtection: boolean;
    removalPolicy: RemovalPolicy;
  };
  /** Per Fargate task. */
  task: { cpu: number; memoryMiB: number };
  /** Tasks per service outside exam season; at least 2, over 2 AZs. */
  minTasks: number;
  maxTasks: number;
  logRetention: RetentionDays;
  /** AWS WAF with managed rules and a rate-based rule on the login path. */
  waf: boolean;
  /** How long the old (blue) tasks stay after a cut-over, ready for a rollback. */
  terminationWait: Duration;
  /** A person approves each release between the build and the cut-over. */
  manualApproval: boolean;
}

export const environments: Record<EnvironmentConfig['name'], EnvironmentConfig> = {
  dev: {
    name: 'dev',
    natGateways: 1,
    interfaceEndpoints: false,
    database: {
      instanceClass: 't4g.micro',
      allocatedStorageGiB: 20,
      multiAz: false,
      backupRetention: Duration.days(7),
      deletionProtection: false,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    },
    task: { cpu: 256, memoryMiB: 512 },
    minTasks: 2,
    maxTasks: 4,
    logRetention: RetentionDays.TWO_WEEKS,
    waf: false,
    terminationWait: Duration.minutes(15),
    manualApproval: false,
  },
  prod: {
    name: 'prod',
    natGateways: 2,
    interfaceEndpoints: true,
    database: {
      instanceClass: 'm7g.large',
      allocatedStorageGiB: 50,
      multiAz: true,
      backupRetention: Duration.days(14),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    },
    task: { cpu: 512, memoryMiB: 1024 },
    minTasks: 2,
    maxTasks: 10,
    logRetention: RetentionDays.THREE_MONTHS,
    waf: true,
    terminationWait: Duration.minutes(30),
    manualApproval: true,
  },
};

export function environmentNamed(name: string | undefined): EnvironmentConfig {
  const config = environments[(name ?? 'dev') as EnvironmentConfig['name']];
  if (!config) throw new Error(`unknown environment "${name}": use -c env=dev or -c env=prod`);
  return config;
}
