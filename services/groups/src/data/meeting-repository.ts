// Meetings and RSVPs in the group's partition. Each meeting carries a version: every RSVP change is one
// transaction conditioned on it, so the "going" count always equals the going RSVPs and never exceeds capacity.
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { MeetingReminders } from './meeting-reminders';
import { item } from './table-definition';
import { backoff, cancellationReasons, itemsUnder, maxTries, transactIf, updateIf } from './table-operations';

export type RsvpStatus = 'going' | 'maybe' | 'not_going' | 'waitlisted';

export interface TutorSession {
  tutorId: string;
  tutorName: string;
  courseId: string;
  bookingId: string;
  /** The member whose token booked it; only they can cancel it with the tutoring service. */
  organizerId: string;
}

export interface MeetingFields {
  title: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  location: string | null;
  meetingLink: string | null;
  agenda: string;
  capacity: number | null;
}

export interface MeetingRecord extends MeetingFields {
  id: string;
  groupId: string;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  goingCount: number;
  createdBy: string;
  tutor: TutorSession | null;
  createdAt: string;
  /** Written ahead from the group's weekly schedule (weekly-meetings.ts). */
  weekly: boolean;
}

/** What became of a meeting's tutor booking. */
export type BookingChange = { kind: 'ended'; reason: string } | { kind: 'moved'; bookingId: string; startsAt: string; endsAt: string };

export interface RsvpRecord {
  userId: string;
  status: RsvpStatus;
  /** Arrival order on the meeting's waitlist. */
  seq: number;
  updatedAt: string;
}

function toMeeting(i: Record<string, unknown>): MeetingRecord {
  const m = i as unknown as MeetingRecord;
  return {
    id: m.id,
    groupId: m.groupId,
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    timezone: m.timezone,
    location: m.location ?? null,
    meetingLink: m.meetingLink ?? null,
    agenda: m.agenda,
    capacity: m.capacity ?? null,
    status: m.status,
    cancelReason: m.cancelReason ?? null,
    goingCount: m.goingCount,
    createdBy: m.createdBy,
    tutor: m.tutor ?? null,
    createdAt: m.createdAt,
    weekly: m.weekly ?? false,
  };
}

const toRsvp = (i: Record<string, unknown>): RsvpRecord => ({
  userId: i.userId as string,
  status: i.status as RsvpStatus,
  seq: i.seq as number,
  updatedAt: i.updatedAt as string,
});

/** The waitlisted RSVPs in arrival order. */
export const meetingWaitlist = (rsvps: RsvpRecord[]) => rsvps.filter((r) => r.status === 'waitlisted').sort((a, b) => a.seq - b.seq);

export class MeetingRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** A meeting's reminders are planned in the transaction that sets its start. */
    private readonly reminders: MeetingReminders,
  ) {}

  /** Records a meeting; for a tutor booking that already has its meeting, returns that one instead. */
  async create(groupId: string, createdBy: string, fields: MeetingFields, tutor: TutorSession | null = null): Promise<MeetingRecord> {
    const meeting: MeetingRecord = {
      ...fields,
      id: randomUUID(),
      groupId,
      status: 'scheduled',
      cancelReason: null,
      goingCount: 0,
      createdBy,
      tutor,
      createdAt: new Date().toISOString(),
      weekly: false,
    };
    const pk = item.group(groupId);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { pk, sk: item.meeting(meeting.id), ...meeting, version: 0, rsvpSeq: 0 } } },
            ...(tutor
              ? [
                  {
                    Put: {
                      TableName: this.table,
                      Item: { pk, sk: item.booking(tutor.bookingId), meetingId: meeting.id },
                      // one meeting per booking, however many times the same request arrives
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
            ...this.reminders.planned(meeting),
          ],
        }),
      );
    } catch (err) {
      const existing =
        tutor && cancellationReasons(err)?.[1] === 'ConditionalCheckFailed'
          ? await this.meetingOfBooking(groupId, tutor.bookingId)
          : undefined;
      if (!existing) throw err;
      return (await this.find(groupId, existing))!;
    }
    return meeting;
  }

  /** Records a weekly meeting under its planned id, once: if it exists already (planned elsewhere), that one. */
  async createWeekly(groupId: string, id: string, createdBy: string, fields: MeetingFields): Promise<MeetingRecord> {
    const meeting: MeetingRecord = {
      ...fields,
      id,
      groupId,
      status: 'scheduled',
      cancelReason: null,
      goingCount: 0,
      createdBy,
      tutor: null,
      createdAt: new Date().toISOString(),
      weekly: true,
    };
    const written = await transactIf(this.db, [
      {
        Put: {
          TableName: this.table,
          Item: { pk: item.group(groupId), sk: item.meeting(id), ...meeting, version: 0, rsvpSeq: 0 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.reminders.planned(meeting),
    ]);
    return written ? meeting : (await this.find(groupId, id))!;
  }

  private async versioned(groupId: string, meetingId: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: item.group(groupId), sk: item.meeting(meetingId) }, ConsistentRead: true }),
    );
    return (
      Item && {
        meeting: toMeeting(Item),
        version: Item.version as number,
        rsvpSeq: Item.rsvpSeq as number,
        bookingEventId: (Item.bookingEventId as number | undefined) ?? 0,
      }
    );
  }

  async find(groupId: string, meetingId: string): Promise<MeetingRecord | undefined> {
    return (await this.versioned(groupId, meetingId))?.meeting;
  }

  /** Every meeting of the group (a group holds tens to hundreds over its life), soonest first. */
  async list(groupId: string): Promise<MeetingRecord[]> {
    const items = await itemsUnder(this.db, this.table, item.group(groupId), 'MEETING#');
    return items.map(toMeeting).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  async rsvps(groupId: string, meetingId: string): Promise<RsvpRecord[]> {
    return (await itemsUnder(this.db, this.table, item.group(groupId), `RSVP#${meetingId}#`)).map(toRsvp);
  }

  /** The meeting a tutor booking belongs to. */
  async meetingOfBooking(groupId: string, bookingId: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: item.group(groupId), sk: item.booking(bookingId) }, ConsistentRead: true }),
    );
    return Item?.meetingId as string | undefined;
  }

  /**
   * Sets a member's answer. Going takes a place while there is one, otherwise the meeting's waitlist; a going
   * member who changes their answer hands the place to the head of that waitlist in the same transaction.
   * Returns the stored status, or undefined when the meeting is gone or cancelled.
   */
  async setRsvp(
    groupId: string,
    meetingId: string,
    userId: string,
    wanted: Exclude<RsvpStatus, 'waitlisted'>,
  ): Promise<RsvpStatus | undefined> {
    for (let tries = 0; ; tries++) {
      const current = await this.versioned(groupId, meetingId);
      if (!current || current.meeting.status !== 'scheduled') return undefined;
      const { meeting, version } = current;
      const rsvps = await this.rsvps(groupId, meetingId);
      const mine = rsvps.find((r) => r.userId === userId);
      let going = meeting.goingCount;
      let seq = current.rsvpSeq;
      let status: RsvpStatus = wanted;
      let promoted: RsvpRecord | undefined;
      if (wanted === 'going') {
        if (mine?.status === 'going' || mine?.status === 'waitlisted') return mine.status;
        if (meeting.capacity === null || going < meeting.capacity) going++;
        else status = 'waitlisted';
      } else if (mine?.status === 'going') {
        promoted = meetingWaitlist(rsvps)[0];
        if (!promoted) going--;
      }
      if (status === 'waitlisted') seq++;
      const now = new Date().toISOString();
      const put = (r: RsvpRecord) => ({
        Put: { TableName: this.table, Item: { pk: item.group(groupId), sk: item.rsvp(meetingId, r.userId), ...r } },
      });
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.table,
                  Key: { pk: item.group(groupId), sk: item.meeting(meetingId) },
                  UpdateExpression: 'SET version = :next, goingCount = :going, rsvpSeq = :seq',
                  ConditionExpression: 'version = :version AND #status = :scheduled',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':next': version + 1,
                    ':version': version,
                    ':going': going,
                    ':seq': seq,
                    ':scheduled': 'scheduled',
                  },
                },
              },
              put({ userId, status, seq: status === 'waitlisted' ? seq : (mine?.seq ?? 0), updatedAt: now }),
              ...(promoted ? [put({ ...promoted, status: 'going', updatedAt: now })] : []),
            ],
          }),
        );
        return status;
      } catch (err) {
        const reasons = cancellationReasons(err);
        // Another answer changed the meeting first: read it again and redo the decision.
        if (!reasons || tries >= maxTries) throw err;
        await backoff(tries);
      }
    }
  }

  /** Changes a scheduled meeting's details; false when it is no longer scheduled (cancelled meanwhile). */
  async edit(
    groupId: string,
    meetingId: string,
    changes: Partial<Pick<MeetingFields, 'title' | 'startsAt' | 'endsAt' | 'location' | 'meetingLink' | 'agenda'>>,
  ): Promise<boolean> {
    const fields = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (fields.length === 0) return true;
    const update = {
      TableName: this.table,
      Key: { pk: item.group(groupId), sk: item.meeting(meetingId) },
      UpdateExpression: `SET ${fields.map(([name]) => `#${name} = :${name}`).join(', ')}, version = version + :one`,
      ConditionExpression: '#status = :scheduled',
      ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(fields.map(([name]) => [`#${name}`, name])) },
      ExpressionAttributeValues: {
        ':scheduled': 'scheduled',
        ':one': 1,
        ...Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
      },
    };
    if (!changes.startsAt) return (await updateIf(this.db, update)) !== false;
    // a new start: its reminders with it
    return transactIf(this.db, [{ Update: update }, ...this.reminders.planned({ id: meetingId, groupId, startsAt: changes.startsAt })]);
  }

  /** Cancels a scheduled meeting; false when it was already cancelled. */
  async cancel(groupId: string, meetingId: string, reason: string | null): Promise<boolean> {
    const changed = await updateIf(this.db, {
      TableName: this.table,
      Key: { pk: item.group(groupId), sk: item.meeting(meetingId) },
      UpdateExpression: 'SET #status = :cancelled, cancelReason = :reason, version = version + :one',
      ConditionExpression: '#status = :scheduled',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':cancelled': 'cancelled', ':scheduled': 'scheduled', ':reason': reason, ':one': 1 },
    });
    return changed !== false;
  }

  /**
   * Applies tutoring's event `eventId` about the meeting's booking: the booking ended (the meeting is cancelled) or
   * moved (to a successor booking and its times). Only an event newer than the last one applied changes anything,
   * so a repeat or a late arrival is a no-op; false then.
   */
  async followBooking(groupId: string, meetingId: string, eventId: number, change: BookingChange): Promise<boolean> {
    for (let tries = 0; ; tries++) {
      const current = await this.versioned(groupId, meetingId);
      if (!current || current.bookingEventId >= eventId) return false;
      const { meeting, version } = current;
      const pk = item.group(groupId);
      const values: Record<string, unknown> = { ':event': eventId, ':next': version + 1, ':version': version };
      let set = 'bookingEventId = :event, version = :next';
      if (change.kind === 'ended' && meeting.status === 'scheduled') {
        set += ', #status = :cancelled, cancelReason = :reason';
        Object.assign(values, { ':cancelled': 'cancelled', ':reason': change.reason });
      }
      if (change.kind === 'moved' && meeting.tutor) {
        set += ', startsAt = :start, endsAt = :end, tutor = :tutor';
        Object.assign(values, {
          ':start': change.startsAt,
          ':end': change.endsAt,
          ':tutor': { ...meeting.tutor, bookingId: change.bookingId },
        });
      }
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.table,
                  Key: { pk, sk: item.meeting(meetingId) },
                  UpdateExpression: `SET ${set}`,
                  ConditionExpression: 'version = :version',
                  ...(set.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
                  ExpressionAttributeValues: values,
                },
              },
              // the successor booking leads to the same meeting, for its own later events
              ...(change.kind === 'moved' && change.bookingId !== meeting.tutor?.bookingId
                ? [{ Put: { TableName: this.table, Item: { pk, sk: item.booking(change.bookingId), meetingId } } }]
                : []),
              ...(change.kind === 'moved' && meeting.tutor
                ? this.reminders.planned({ id: meetingId, groupId, startsAt: change.startsAt })
                : []),
            ],
          }),
        );
        return true;
      } catch (err) {
        // an answer or another event changed the meeting first: read it again
        if (!cancellationReasons(err) || tries >= maxTries) throw err;
        await backoff(tries);
      }
    }
  }
}
