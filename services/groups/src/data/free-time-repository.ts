// Each member's weekly free time for one group, in the group's partition (FREE#<userId>): what "find a time"
// overlaps. Written whole by its member; read whole for the group.
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { item } from './table-definition';
import { itemsUnder } from './table-operations';

/** Minutes after local midnight, [start, end), on an ISO weekday (1 = Monday). */
export interface FreeRange {
  weekday: number;
  start: number;
  end: number;
}

export interface FreeTimeRecord {
  userId: string;
  /** The zone the member's weekly ranges are wall-clock times in. */
  timezone: string;
  weekly: FreeRange[];
  updatedAt: string;
}

const toRecord = (i: Record<string, unknown>): FreeTimeRecord => ({
  userId: i.userId as string,
  timezone: i.timezone as string,
  weekly: i.weekly as FreeRange[],
  updatedAt: i.updatedAt as string,
});

export class FreeTimeRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async save(groupId: string, free: FreeTimeRecord): Promise<FreeTimeRecord> {
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { pk: item.group(groupId), sk: item.freeTime(free.userId), ...free } }),
    );
    return free;
  }

  async find(groupId: string, userId: string): Promise<FreeTimeRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: item.group(groupId), sk: item.freeTime(userId) }, ConsistentRead: true }),
    );
    return Item && toRecord(Item);
  }

  async remove(groupId: string, userId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: item.group(groupId), sk: item.freeTime(userId) } }));
  }

  async forGroup(groupId: string): Promise<FreeTimeRecord[]> {
    return (await itemsUnder(this.db, this.table, item.group(groupId), item.freeTime(''))).map(toRecord);
  }
}
