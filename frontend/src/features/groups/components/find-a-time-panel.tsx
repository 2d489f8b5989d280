// Find a time: I mark when I am free each week; the group sees where everyone's free time overlaps on the coming
// week in their own zone, with the best times first, and an organizer schedules one in a click.
import Button from 'react-bootstrap/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QueryState } from '../../../components/page-state';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { formatDateTime, formatTime } from '../../../lib/time';
import { findAMeetingTime, getMyFreeTime, scheduleMeeting, type Group } from '../api/groups';
import { MyFreeTime } from './my-free-time';
import { OverlapHeatMap } from './overlap-heat-map';

const MEETING_MINUTES = 60;

export function FindATimePanel({ group }: { group: Group }) {
  const { timeZone } = useAuth();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const manager = group.viewer?.role === 'owner' || group.viewer?.role === 'moderator';
  const mine = useQuery({ queryKey: ['group', group.id, 'free-time', 'mine'], queryFn: () => getMyFreeTime(group.id) });
  const overlap = useQuery({
    queryKey: ['group', group.id, 'free-time', 'overlap', timeZone],
    queryFn: () => findAMeetingTime(group.id, timeZone, MEETING_MINUTES),
  });
  const schedule = useMutation({
    mutationFn: (at: { start: string; end: string }) =>
      scheduleMeeting(group.id, {
        title: group.name,
        startsAt: at.start,
        endsAt: at.end,
        timezone: timeZone,
        location: null,
        meetingLink: null,
        agenda: '',
        capacity: null,
      }),
    onSuccess: (meeting) => {
      toasts.success(`Meeting scheduled for ${formatDateTime(meeting.startsAt, timeZone)}`);
      void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
    },
    onError: (e) => toasts.failure(e, 'Not scheduled'),
  });
  return (
    <>
      <QueryState query={mine} loadingLabel="Loading your free time…">
        {/* a time marked in another zone stays in it; a first marking is in the account's zone */}
        {(saved) => <MyFreeTime group={group} saved={saved} zone={saved.updatedAt ? saved.timezone : timeZone} />}
      </QueryState>
      <section aria-labelledby="group-overlap">
        <h2 className="h5" id="group-overlap">
          When the group is free
        </h2>
        <QueryState query={overlap} loadingLabel="Overlapping everyone’s free time…">
          {(found) =>
            found.answered === 0 ? (
              <p className="text-secondary">Nobody has marked their free time yet. Mark yours above, and ask the others to.</p>
            ) : (
              <>
                <p className="small">
                  {found.answered} of {found.members} members have marked their free time.
                </p>
                <h3 className="h6">Best times this week</h3>
                {found.best.length === 0 ? (
                  <p className="text-secondary">No hour this week when anyone who answered is free.</p>
                ) : (
                  <ol className="list-unstyled">
                    {found.best.map((best) => (
                      <li key={best.start} className="d-flex align-items-center gap-2 flex-wrap mb-2">
                        <span>
                          <strong>
                            {formatDateTime(best.start, timeZone)}–{formatTime(best.end, timeZone)}
                          </strong>{' '}
                          · {best.free} of {found.answered} free
                        </span>
                        {manager && (
                          <Button size="sm" variant="outline-primary" disabled={schedule.isPending} onClick={() => schedule.mutate(best)}>
                            Schedule this
                          </Button>
                        )}
                      </li>
                    ))}
                  </ol>
                )}
                <OverlapHeatMap overlap={found} />
              </>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
