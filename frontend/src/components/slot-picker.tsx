// Shared by booking a tutor alone and for a group, and by rescheduling. A month calendar of a tutor's open days in
// my zone, with the chosen day's times beside it, each showing the tutor's own local time too.
import { memo, useDeferredValue, useEffect, useId, useState } from 'react';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { DayPicker } from 'react-day-picker';
import 'react-day-picker/style.css';
import { TZDate } from '@date-fns/tz';
import { useQuery } from '@tanstack/react-query';
import { dayKey, formatDay, formatter, formatTime, zoneAbbreviation } from '../lib/time';
import { Loading, QueryState } from './page-state';
import { getSlots, type Slot, type Slots } from './tutor-slots';

export type { Slot } from './tutor-slots';

/** How many months ahead a student may look: tutors rarely open their calendar further. */
const MONTHS_AHEAD = 3;

// The calendar shows dates of my zone as plain dates: a Date at that day's local midnight, with no zone attached.
// Giving the calendar a zone instead makes every date it computes (six weeks of days, each many times) convert
// through that zone, which cost the tutor page most of its main-thread time.
const calendarDate = (key: string) => {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
};
const keyOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
/** The instant a calendar month starts in my zone: where the slots to ask for begin. */
const monthStartsAt = (month: Date, timeZone: string) => new TZDate(month.getFullYear(), month.getMonth(), 1, timeZone);

/** A day's accessible name starts as its button reads ("1"), then says whether it has times. */
const dayLabel = (date: Date, modifiers: { today?: boolean; disabled?: boolean; selected?: boolean }) =>
  [
    formatter('en-GB', { day: 'numeric', month: 'long', year: 'numeric', weekday: 'long' }).format(date),
    modifiers.today && 'today',
    modifiers.disabled ? 'no open times' : 'open times',
    modifiers.selected && 'chosen',
  ]
    .filter(Boolean)
    .join(', ');
const monthName = (month: Date) => formatter('en-GB', { month: 'long', year: 'numeric' }).format(month);

export function SlotPicker({
  tutorId,
  courseId,
  length,
  timeZone,
  selected,
  onSelect,
  note,
}: {
  tutorId: string;
  courseId: string;
  length: number;
  timeZone: string;
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
  /** A word on a time from the caller, e.g. how many group members are free then. */
  note?: (slot: Slot) => string | undefined;
}) {
  // whole minutes, so the query key stays put while the page is open
  const [now] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const todayKey = dayKey(new Date(now), timeZone);
  const today = calendarDate(todayKey);
  const firstMonth = new Date(today.getFullYear(), today.getMonth(), 1);
  const [month, setMonth] = useState<Date>(firstMonth);
  const [day, setDay] = useState<string | null>(null);
  const shown = new Date(month.getFullYear(), month.getMonth(), 1);
  const nextMonth = new Date(shown.getFullYear(), shown.getMonth() + 1, 1);
  const from = new Date(Math.max(now, monthStartsAt(shown, timeZone).getTime())).toISOString();
  const to = monthStartsAt(nextMonth, timeZone).toISOString();
  const slots = useQuery({
    queryKey: ['slots', tutorId, courseId, length, from],
    queryFn: () => getSlots(tutorId, { courseId, length, from, to }),
  });

  // late in a month the rest of it may be closed: the first look moves on to the next month, once
  const [firstLook, setFirstLook] = useState(true);
  const moveOn = firstLook && slots.data?.slots.length === 0 && shown.getTime() === firstMonth.getTime();
  useEffect(() => {
    if (!firstLook || !slots.data) return;
    setFirstLook(false);
    if (moveOn) setMonth((m) => new Date(m.getFullYear(), m.getMonth() + 1, 1));
  }, [firstLook, slots.data, moveOn]);

  // The calendar and its times are the largest piece of a tutor's page. They render from a deferred value when the
  // times arrive, as background work that React splits into short steps; until then, one line says they are coming.
  const data = useDeferredValue(slots.data);

  return (
    <div>
      {/* Fixed text: a line that grew when the times arrived pushed the calendar under it down on a phone. */}
      <p className="small text-secondary">Times in your zone, {timeZone.replaceAll('_', ' ')}.</p>
      <MonthAndTimes
        data={data}
        error={slots.error}
        onRetry={slots.refetch}
        timeZone={timeZone}
        todayKey={todayKey}
        month={month}
        onMonthChange={setMonth}
        day={day}
        onDay={setDay}
        moveOn={moveOn}
        selected={selected}
        onSelect={onSelect}
        note={note}
      />
    </div>
  );
}

/** The month calendar and the chosen day's times. Kept apart so that a render of the picker with nothing new for
 * them (the times only just fetched, not yet drawn) costs nothing. */
const MonthAndTimes = memo(function MonthAndTimes({
  data,
  error,
  onRetry,
  timeZone,
  todayKey,
  month,
  onMonthChange,
  day,
  onDay,
  moveOn,
  selected,
  onSelect,
  note,
}: {
  data: Slots | undefined;
  error: unknown;
  onRetry: () => unknown;
  timeZone: string;
  todayKey: string;
  month: Date;
  onMonthChange: (month: Date) => void;
  day: string | null;
  onDay: (day: string) => void;
  moveOn: boolean;
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
  note?: ((slot: Slot) => string | undefined) | undefined;
}) {
  const dayHeading = useId();
  const today = calendarDate(todayKey);
  const firstMonth = new Date(today.getFullYear(), today.getMonth(), 1);
  const lastMonth = new Date(today.getFullYear(), today.getMonth() + MONTHS_AHEAD, 1);
  const days = new Map<string, Slot[]>();
  for (const s of data?.slots ?? []) {
    const key = dayKey(s.start, timeZone);
    const list = days.get(key);
    if (list) list.push(s);
    else days.set(key, [s]);
  }
  // the chosen day while it still has times, else the month's first open day: times are never a click away
  const shownDay = day !== null && days.has(day) ? day : ([...days.keys()][0] ?? null);
  const query = { data, error, isPending: data === undefined && !error, refetch: onRetry };
  // The calendar is first drawn with the first times, not before: drawn empty, each of its days would change four
  // attributes or be taken off the page when they arrive, and either costs the browser more than drawing it once
  // (each change makes it re-check styles, and a profiler tracing the page records every one with its stack). Later
  // months update in place, so focus stays on the month buttons.
  const [timesSeen, setTimesSeen] = useState(false);
  if (data && !timesSeen) setTimesSeen(true);
  if (!data && !timesSeen && !error) return <Loading label="Finding open times…" />;

  return (
    <Row className="g-3">
      <Col md={7}>
        <DayPicker
          className="slot-calendar"
          mode="single"
          required
          today={today}
          weekStartsOn={1}
          month={month}
          onMonthChange={onMonthChange}
          startMonth={firstMonth}
          endMonth={lastMonth}
          selected={shownDay ? calendarDate(shownDay) : undefined}
          onSelect={(date) => onDay(keyOf(date))}
          disabled={(date) => !days.has(keyOf(date))}
          labels={{ labelDayButton: dayLabel }}
          footer={data && days.size === 0 && !moveOn ? `No open times in ${monthName(month)}. Try the next month.` : undefined}
        />
      </Col>
      <Col md={5}>
        <QueryState query={query} loadingLabel="Finding open times…">
          {() =>
            shownDay === null ? null : (
              <section aria-labelledby={dayHeading}>
                <h3 className="h6" id={dayHeading}>
                  {formatDay(days.get(shownDay)![0]!.start, timeZone)}
                </h3>
                {/* the tutor's zone comes with their slots, so every caller names it the same way */}
                <p className="small text-secondary">In brackets: the tutor’s time ({data!.timezone.replaceAll('_', ' ')}).</p>
                <div className="slot-list" role="group" aria-label="Start times">
                  {days.get(shownDay)!.map((s) => (
                    <Button
                      key={s.start}
                      size="sm"
                      variant={selected?.start === s.start ? 'primary' : 'outline-primary'}
                      aria-pressed={selected?.start === s.start}
                      onClick={() => onSelect(s)}
                    >
                      {formatTime(s.start, timeZone)} {zoneAbbreviation(s.start, timeZone)}{' '}
                      <span className="small">({s.tutorLocalStart.slice(11, 16)})</span>
                      {note?.(s) && <span className="small d-block"> {note(s)}</span>}
                    </Button>
                  ))}
                </div>
              </section>
            )
          }
        </QueryState>
      </Col>
    </Row>
  );
});
