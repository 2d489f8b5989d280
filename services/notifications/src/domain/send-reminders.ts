// Reminders before sessions: whichever instance claims a due reminder writes its notices in the same transaction,
// so each is sent once however many instances poll, and none is lost to a restart (no timers in memory).
import type { NotificationsDependencies } from '../dependencies';
import { reminderLeads } from '../data/reminder-repository';
import { deliverNotices } from './apply-events';
import { reminderNotices } from './session-notices';

/** Sends the reminders due by now, a batch at a time; how many reminders went out. */
export async function sendDueReminders(deps: NotificationsDependencies, batch = 100): Promise<number> {
  let sent = 0;
  for (;;) {
    const now = deps.now();
    const claimed = await deps.transaction(async (tx) => {
      const due = await deps.reminders.claimDue(tx, now, batch);
      if (due.length === 0) return 0;
      // one read for the whole batch's people, not one per reminder
      const recipients = await deps.recipients.findMany(
        due.flatMap(({ session }) => [session.tutorId, session.studentId]),
        tx,
      );
      for (const { kind, session } of due) {
        const start = new Date(session.start).getTime();
        // Overdue past its point (the service was down): a day's reminder an hour before is the hour's job, and
        // nothing is said once the session has begun.
        if (start <= now.getTime() || (kind === 'day' && start - now.getTime() <= reminderLeads.hour)) continue;
        await deliverNotices(deps, tx, reminderNotices(kind, session, recipients));
        sent += 1;
      }
      return due.length;
    });
    if (claimed < batch) return sent;
  }
}
