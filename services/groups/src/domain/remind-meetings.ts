// Reminders before group meetings, 24 hours and 1 hour ahead, to the members going: whichever instance takes a due
// reminder writes its event in the same transaction, so each is sent once however many instances poll, and none is
// lost to a restart (no timers in memory). A meeting cancelled or moved since drops the reminder unsent.
import type { GroupsDependencies } from '../dependencies';
import { meetingReminderLeads, type DueMeetingReminder } from '../data/meeting-reminders';
import { meetingReminder } from '../clients/group-notices';

/** The event a due reminder sends, or undefined when there is nothing to say any more. */
async function reminderEvent(deps: GroupsDependencies, reminder: DueMeetingReminder, now: Date) {
  const [group, meeting, rsvps] = await Promise.all([
    deps.groups.find(reminder.groupId),
    deps.meetings.find(reminder.groupId, reminder.meetingId),
    deps.meetings.rsvps(reminder.groupId, reminder.meetingId),
  ]);
  if (!group || !meeting || meeting.status !== 'scheduled' || meeting.startsAt !== reminder.startsAt) return undefined;
  const start = Date.parse(meeting.startsAt);
  // Overdue past its point (the service was down): a day's reminder an hour before is the hour's job, and nothing is
  // said once the meeting has begun.
  if (start <= now.getTime() || (reminder.kind === 'day' && start - now.getTime() <= meetingReminderLeads.hour)) return undefined;
  const attendeeIds = rsvps.filter((r) => r.status === 'going').map((r) => r.userId);
  if (attendeeIds.length === 0) return undefined;
  return deps.outbox.put(
    meetingReminder({
      kind: reminder.kind,
      group: { id: group.id, name: group.name },
      meeting: { ...meeting, place: meeting.meetingLink ?? meeting.location },
      attendeeIds,
    }),
  );
}

/** Sends the meeting reminders due by `now`, a batch at a time; how many went out. */
export async function sendDueMeetingReminders(deps: GroupsDependencies, now = new Date(), batch = 100): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = await deps.meetingReminders.due(now, batch);
    for (const reminder of due) {
      const event = await reminderEvent(deps, reminder, now);
      if ((await deps.meetingReminders.take(reminder, event)) && event) sent += 1;
    }
    if (due.length < batch) return sent;
  }
}
