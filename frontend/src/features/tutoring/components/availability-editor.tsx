// The weekly hours editor: click or drag over a week grid to mark when you tutor; arrow keys move, Space toggles.
import { memo, useEffect, useRef, useState } from 'react';
import { cellTime, SLOTS_PER_DAY, type WeekCells } from './week-grid';

const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Memoised: typing elsewhere in the form must not re-render 336 buttons. */
export const AvailabilityEditor = memo(function AvailabilityEditor({
  cells,
  onChange,
}: {
  cells: WeekCells;
  onChange: (cells: WeekCells) => void;
}) {
  const [focus, setFocus] = useState({ day: 0, slot: 18 });
  // while the pointer is down: the value every cell it crosses takes
  const painting = useRef<boolean | null>(null);
  const grid = useRef<HTMLDivElement>(null);

  // open at the working day: the earliest available half-hour, or 08:00
  useEffect(() => {
    const first = Math.min(...cells.map((day) => day.indexOf(true)).filter((i) => i >= 0), 16);
    const cell = grid.current?.querySelector<HTMLElement>(`[data-cell="0-${first}"]`);
    if (grid.current && cell) grid.current.scrollTop = cell.offsetTop - grid.current.offsetTop - 24;
    // only on first render: later edits must not move the view under the pointer
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const set = (day: number, slot: number, value: boolean) => {
    if (cells[day]![slot] === value) return;
    onChange(cells.map((d, i) => (i === day ? d.map((v, j) => (j === slot ? value : v)) : d)));
  };
  const moveFocus = (day: number, slot: number) => {
    const next = { day: Math.max(0, Math.min(6, day)), slot: Math.max(0, Math.min(SLOTS_PER_DAY - 1, slot)) };
    setFocus(next);
    grid.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.day}-${next.slot}"]`)?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent, day: number, slot: number) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      moveFocus(day + move[0], slot + move[1]);
    }
  };

  return (
    <div
      ref={grid}
      className="week-grid border"
      role="group"
      aria-label="Weekly hours: each button is a half hour; pressed means available"
      onPointerUp={() => (painting.current = null)}
      onPointerLeave={() => (painting.current = null)}
      style={{ maxHeight: '28rem', overflowY: 'auto', touchAction: 'none' }}
    >
      <div />
      {days.map((d) => (
        <div key={d} className="text-center fw-semibold" aria-hidden="true">
          {d}
        </div>
      ))}
      {Array.from({ length: SLOTS_PER_DAY }, (_, slot) => (
        <div key={slot} style={{ display: 'contents' }}>
          <div className="hour text-secondary" aria-hidden="true">
            {slot % 2 === 0 ? cellTime(slot) : ''}
          </div>
          {days.map((d, day) => {
            const on = cells[day]![slot]!;
            return (
              <button
                key={d}
                type="button"
                className="cell"
                data-cell={`${day}-${slot}`}
                aria-pressed={on}
                aria-label={`${d} ${cellTime(slot)}`}
                tabIndex={focus.day === day && focus.slot === slot ? 0 : -1}
                onKeyDown={(e) => onKeyDown(e, day, slot)}
                onClick={(e) => {
                  // pointer clicks were handled on pointer down; this is the keyboard's Space or Enter
                  if (e.detail === 0) set(day, slot, !on);
                }}
                onPointerDown={(e) => {
                  e.preventDefault();
                  painting.current = !on;
                  setFocus({ day, slot });
                  set(day, slot, !on);
                }}
                onPointerEnter={() => painting.current !== null && set(day, slot, painting.current)}
              />
            );
          })}
        </div>
      ))}
    </div>
  );
});
