// A week as a grid of half-hour cells (7 days x 48) and back to the weekly ranges the APIs take.

export const SLOTS_PER_DAY = 48;
export type WeekCells = boolean[][]; // [weekday 0..6 (Mon..Sun)][half-hour 0..47]

export const emptyWeek = (): WeekCells => Array.from({ length: 7 }, () => Array<boolean>(SLOTS_PER_DAY).fill(false));

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const cellTime = (cell: number) => `${String(Math.floor(cell / 2)).padStart(2, '0')}:${cell % 2 ? '30' : '00'}`;

/** Ranges cover whole half-hours; a range starting or ending inside one covers it. */
export function cellsOf(weekly: Array<{ weekday: number; start: string; end: string }>): WeekCells {
  const week = emptyWeek();
  for (const r of weekly) {
    const day = week[r.weekday - 1];
    if (!day) continue;
    for (let c = Math.floor(toMinutes(r.start) / 30); c < Math.ceil(toMinutes(r.end) / 30); c++) day[c] = true;
  }
  return week;
}

export function rangesOf(week: WeekCells): Array<{ weekday: number; start: string; end: string }> {
  const ranges: Array<{ weekday: number; start: string; end: string }> = [];
  week.forEach((day, d) => {
    let open: number | null = null;
    for (let c = 0; c <= SLOTS_PER_DAY; c++) {
      const on = c < SLOTS_PER_DAY && day[c];
      if (on && open === null) open = c;
      if (!on && open !== null) {
        ranges.push({ weekday: d + 1, start: cellTime(open), end: c === SLOTS_PER_DAY ? '24:00' : cellTime(c) });
        open = null;
      }
    }
  });
  return ranges;
}

export interface Cell {
  day: number;
  slot: number;
}

/**
 * A drag from `from` to `to` sets every cell of the rectangle between them to `value`, on the week as it was when
 * the drag began: moving back shrinks the rectangle and gives the cells it leaves their old value again.
 */
export function paintRectangle(before: WeekCells, from: Cell, to: Cell, value: boolean): WeekCells {
  const [firstDay, lastDay] = [Math.min(from.day, to.day), Math.max(from.day, to.day)];
  const [firstSlot, lastSlot] = [Math.min(from.slot, to.slot), Math.max(from.slot, to.slot)];
  return before.map((cells, day) =>
    day < firstDay || day > lastDay ? cells : cells.map((on, slot) => (slot >= firstSlot && slot <= lastSlot ? value : on)),
  );
}

/** Monday to Friday, as grid days. */
export const WEEKDAYS = [0, 1, 2, 3, 4];

/** The week with day `from`'s hours also on each of the `to` days; other days keep theirs. */
export const copyDay = (week: WeekCells, from: number, to: number[]): WeekCells =>
  week.map((cells, day) => (day !== from && to.includes(day) ? [...week[from]!] : cells));
