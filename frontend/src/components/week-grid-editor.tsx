// A week of half hours to mark (when a tutor teaches, when a group member is free): click, or drag a rectangle;
// the grid scrolls while a drag nears its edge, and its day header stays in view. Arrow keys move, Space toggles.
import { memo, useEffect, useRef, useState } from 'react';
import { cellTime, paintRectangle, SLOTS_PER_DAY, type Cell, type WeekCells } from '../lib/week-grid';

/** How near the grid's top or bottom edge (px) a drag scrolls it, and how far per frame at the edge. */
const EDGE = 32;
const MAX_STEP = 12;

interface Drag {
  from: Cell;
  to: Cell;
  value: boolean;
  /** The week when the drag began: the rectangle is painted on it, so shrinking it restores the cells. */
  before: WeekCells;
  pointerY: number;
  pointerX: number;
}

const cellAt = (x: number, y: number): Cell | null => {
  const data = document.elementFromPoint?.(x, y)?.closest<HTMLElement>('[data-cell]')?.dataset.cell;
  if (!data) return null;
  const [day, slot] = data.split('-').map(Number);
  return { day: day!, slot: slot! };
};

const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Memoised: typing elsewhere in the form must not re-render 336 buttons. */
export const WeekGridEditor = memo(function WeekGridEditor({
  cells,
  onChange,
  label,
}: {
  cells: WeekCells;
  onChange: (cells: WeekCells) => void;
  /** What the grid marks, e.g. "Weekly hours: each button is a half hour; pressed means available". */
  label: string;
}) {
  const [focus, setFocus] = useState({ day: 0, slot: 18 });
  const drag = useRef<Drag | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  // the latest onChange, for the scrolling loop that outlives a render; and whether that loop runs
  const latest = useRef(onChange);
  latest.current = onChange;
  const following = useRef(false);

  const extendTo = (to: Cell | null) => {
    const d = drag.current;
    if (!d || !to || (to.day === d.to.day && to.slot === d.to.slot)) return;
    d.to = to;
    latest.current(paintRectangle(d.before, d.from, to, d.value));
  };

  // while a drag is on: near an edge the grid scrolls, and the cell now under the still pointer joins the rectangle
  const follow = () => {
    const d = drag.current;
    const box = grid.current;
    following.current = Boolean(d && box);
    if (!d || !box) return;
    const rect = box.getBoundingClientRect();
    const top = d.pointerY - (rect.top + EDGE * 1.5);
    const bottom = d.pointerY - (rect.bottom - EDGE);
    const step = top < 0 ? Math.max(-MAX_STEP, top / 2) : bottom > 0 ? Math.min(MAX_STEP, bottom / 2) : 0;
    if (step !== 0) {
      box.scrollTop += step;
      extendTo(cellAt(d.pointerX, Math.min(Math.max(d.pointerY, rect.top + EDGE * 1.5), rect.bottom - 2)));
    }
    requestAnimationFrame(follow);
  };

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
      aria-label={label}
      onPointerMove={(e) => {
        if (!drag.current) return;
        drag.current.pointerX = e.clientX;
        drag.current.pointerY = e.clientY;
        extendTo(cellAt(e.clientX, e.clientY));
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      style={{ maxHeight: '28rem', overflowY: 'auto', touchAction: 'none' }}
    >
      <div className="day-head" />
      {days.map((d) => (
        <div key={d} className="day-head text-center fw-semibold" aria-hidden="true">
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
                  // the grid, not the cell, follows the pointer: a drag can then leave this cell on touch screens too
                  (e.currentTarget as Element).releasePointerCapture?.(e.pointerId);
                  grid.current?.setPointerCapture?.(e.pointerId);
                  const at = { day, slot };
                  drag.current = { from: at, to: at, value: !on, before: cells, pointerX: e.clientX, pointerY: e.clientY };
                  setFocus(at);
                  onChange(paintRectangle(cells, at, at, !on));
                  if (!following.current) requestAnimationFrame(follow);
                }}
              />
            );
          })}
        </div>
      ))}
    </div>
  );
});
