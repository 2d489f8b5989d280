// Shared by booking a tutor alone and for a group. A week of a tutor's open slots, grouped by day in my zone, each with the tutor's own local time beside it.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import ButtonGroup from 'react-bootstrap/ButtonGroup';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../lib/api-client';
import type { TutoringResponse } from '../lib/api-types';
import { dayKey, formatDay, formatTime, zoneAbbreviation } from '../lib/time';
import { Empty, QueryState } from './page-state';

type SlotsResponse = TutoringResponse<'/api/tutoring/tutors/{tutorId}/slots', 'get'>;
/** An open slot: a UTC instant, with the tutor's wall-clock time (yyyy-MM-ddTHH:mm) beside it. */
export type Slot = SlotsResponse['slots'][number];

const getSlots = (tutorId: string, query: { courseId: string; length: number; from: string; to: string }) =>
  apiRequest<SlotsResponse>(`/api/tutoring/tutors/${tutorId}/slots`, { query });

const WEEK_MS = 7 * 86_400_000;

export function SlotPicker({
  tutorId,
  courseId,
  length,
  timeZone,
  selected,
  onSelect,
}: {
  tutorId: string;
  courseId: string;
  length: number;
  timeZone: string;
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
}) {
  const [week, setWeek] = useState(0);
  // whole minutes, so the query key stays put while the page is open
  const [now] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const from = new Date(now + week * WEEK_MS).toISOString();
  const to = new Date(now + (week + 1) * WEEK_MS).toISOString();
  const slots = useQuery({
    queryKey: ['slots', tutorId, courseId, length, from],
    queryFn: () => getSlots(tutorId, { courseId, length, from, to }),
  });
  return (
    <div>
      <div className="d-flex justify-content-between align-items-center mb-2 flex-wrap gap-2">
        <p className="mb-0 small text-secondary">
          Your times ({timeZone.replaceAll('_', ' ')}){/* the tutor's zone comes with their slots, so every caller shows it the same way */}
          {slots.data ? `; the tutor’s (${slots.data.timezone.replaceAll('_', ' ')}) in brackets.` : '.'}
        </p>
        <ButtonGroup size="sm" aria-label="Week">
          <Button variant="outline-secondary" disabled={week === 0} onClick={() => setWeek(week - 1)}>
            Earlier
          </Button>
          <Button variant="outline-secondary" disabled={week >= 8} onClick={() => setWeek(week + 1)}>
            Later
          </Button>
        </ButtonGroup>
      </div>
      <QueryState query={slots} loadingLabel="Finding open slots…">
        {({ slots: list }) => {
          if (list.length === 0) return <Empty>No open slots this week. Try a later week.</Empty>;
          const days = new Map<string, Slot[]>();
          for (const s of list) days.set(dayKey(s.start, timeZone), [...(days.get(dayKey(s.start, timeZone)) ?? []), s]);
          return (
            <div>
              {[...days.values()].map((daySlots) => (
                <section key={daySlots[0]!.start} className="mb-3" aria-label={formatDay(daySlots[0]!.start, timeZone)}>
                  <h3 className="h6">{formatDay(daySlots[0]!.start, timeZone)}</h3>
                  <div className="slot-list">
                    {daySlots.map((s) => (
                      <Button
                        key={s.start}
                        size="sm"
                        variant={selected?.start === s.start ? 'primary' : 'outline-primary'}
                        aria-pressed={selected?.start === s.start}
                        onClick={() => onSelect(s)}
                      >
                        {formatTime(s.start, timeZone)} {zoneAbbreviation(s.start, timeZone)}{' '}
                        <span className="small">({s.tutorLocalStart.slice(11, 16)})</span>
                      </Button>
                    ))}
                  </div>
                </section>
              ))}
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}
