// The groups table, defined once: the local stack and tests create it from this, and the CDK will too.
// Single-table design; the access patterns are listed in services/groups/README.md.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const keys = {
  partition: 'pk',
  sort: 'sk',
  /** Browsing: groups by course (and later subject or tag), most recently active first. */
  browse: { index: 'gsi1', partition: 'gsi1pk', sort: 'gsi1sk' },
  /** A user's groups: one membership item per (user, group). */
  byMember: { index: 'gsi2', partition: 'gsi2pk', sort: 'gsi2sk' },
} as const;

export function groupsTableDefinition(tableName: string): CreateTableCommandInput {
  const string = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const index = (spec: { index: string; partition: string; sort: string }) => ({
    IndexName: spec.index,
    KeySchema: [
      { AttributeName: spec.partition, KeyType: 'HASH' as const },
      { AttributeName: spec.sort, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      keys.partition,
      keys.sort,
      keys.browse.partition,
      keys.browse.sort,
      keys.byMember.partition,
      keys.byMember.sort,
    ].map(string),
    KeySchema: [
      { AttributeName: keys.partition, KeyType: 'HASH' },
      { AttributeName: keys.sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [index(keys.browse), index(keys.byMember)],
  };
}
