// Reminders before group meetings: an item per meeting and kind in one partition, sorted by when it is due, written
// in the transaction that schedules or moves the meeting. A cancelled or moved meeting's old items stay and are
// dropped unsent when they come due (the poll checks the meeting), so cancelling needs no write of its own.
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxPut } from './outbox';
import { transactIf } from './table-operations';

export type MeetingReminderKind = 'day' | 'hour';

/** How long before the meeting each kind is due. */
export const meetingReminderLeads: Record<MeetingReminderKind, number> = { day: 24 * 3_600_000, hour: 3_600_000 };

export interface DueMeetingReminder {
  groupId: string;
  meetingId: string;
  kind: MeetingReminderKind;
  /** The start the reminder was planned for; a meeting that moved since has newer reminders. */
  startsAt: string;
  sk: string;
}

export class MeetingReminders {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** The partition holding the reminders. @default 'MEETING-REMINDERS' */
    private readonly partition = 'MEETING-REMINDERS',
  ) {}

  /** The writes that plan a meeting's reminders; a kind already past due (a meeting an hour ahead) is left out. */
  planned(meeting: { id: string; groupId: string; startsAt: string }, now = new Date()) {
    const start = Date.parse(meeting.startsAt);
    return Object.entries(meetingReminderLeads)
      .map(([kind, lead]) => ({ kind, due: new Date(start - lead) }))
      .filter(({ due }) => due > now)
      .map(({ kind, due }) => ({
        Put: {
          TableName: this.table,
          Item: {
            pk: this.partition,
            sk: `DUE#${due.toISOString()}#${meeting.id}#${kind}`,
            groupId: meeting.groupId,
            meetingId: meeting.id,
            kind,
            startsAt: meeting.startsAt,
          },
        },
      }));
  }

  /** Up to `limit` reminders due by `now`, oldest first. */
  async due(now: Date, limit: number): Promise<DueMeetingReminder[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': this.partition, ':from': 'DUE#', ':to': `DUE#${now.toISOString()}~` },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return Items.map((i) => ({
      groupId: i.groupId as string,
      meetingId: i.meetingId as string,
      kind: i.kind as MeetingReminderKind,
      startsAt: i.startsAt as string,
      sk: i.sk as string,
    }));
  }

  /**
   * Takes the reminder off the plan, with the event that sends it if there is one, in one transaction: of two
   * instances that found it due, one takes it (true) and the other is refused (false), so it is sent once.
   */
  take(reminder: DueMeetingReminder, send?: OutboxPut): Promise<boolean> {
    return transactIf(this.db, [
      { Delete: { TableName: this.table, Key: { pk: this.partition, sk: reminder.sk }, ConditionExpression: 'attribute_exists(pk)' } },
      ...(send ? [send] : []),
    ]);
  }
}
