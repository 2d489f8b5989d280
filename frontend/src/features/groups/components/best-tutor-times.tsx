// The tutor's open times this week that suit the most members, best first: the group's free time intersected with
// the tutor's slots, so the organizer need not look through the calendar for them.
import Button from 'react-bootstrap/Button';
import { useQuery } from '@tanstack/react-query';
import { getSlots, type Slot } from '../../../components/tutor-slots';
import { formatDay, formatTime } from '../../../lib/time';

/** At most this many are offered; the calendar below has the rest. */
const SHOWN = 3;

/** Slots with a known count, most members free first, then the earliest. */
export function rankByMembersFree(slots: readonly Slot[], membersFree: (slot: Slot) => number | undefined) {
  return slots
    .map((slot) => ({ slot, free: membersFree(slot) }))
    .filter((s): s is { slot: Slot; free: number } => s.free !== undefined && s.free > 0)
    .sort((a, b) => b.free - a.free || Date.parse(a.slot.start) - Date.parse(b.slot.start))
    .slice(0, SHOWN);
}

export function BestTutorTimes({
  tutorId,
  courseId,
  length,
  window,
  timeZone,
  members,
  membersFree,
  selected,
  onSelect,
}: {
  tutorId: string;
  courseId: string;
  length: number;
  /** The week the members' free time covers. */
  window: { from: string; to: string };
  timeZone: string;
  /** How many members answered with their free time. */
  members: number;
  membersFree: (slot: Slot) => number | undefined;
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
}) {
  const slots = useQuery({
    queryKey: ['slots', tutorId, courseId, length, window.from, window.to],
    queryFn: () => getSlots(tutorId, { courseId, length, ...window }),
  });
  if (!slots.data) return null;
  const best = rankByMembersFree(slots.data.slots, membersFree);
  if (best.length === 0) {
    return <p className="small text-secondary">None of this tutor’s open times this week suits a member who marked their free time.</p>;
  }
  return (
    <section aria-labelledby="best-tutor-times" className="mb-3">
      <h3 id="best-tutor-times" className="h6">
        Best times with this tutor this week
      </h3>
      <ul className="list-unstyled d-flex flex-wrap gap-2 mb-0">
        {best.map(({ slot, free }) => (
          <li key={slot.start}>
            <Button
              size="sm"
              variant={selected?.start === slot.start ? 'primary' : 'outline-primary'}
              aria-pressed={selected?.start === slot.start}
              onClick={() => onSelect(slot)}
            >
              {formatDay(slot.start, timeZone)}, {formatTime(slot.start, timeZone)}: {free} of {members} free
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
