// Where members are free this coming week, in the viewer's zone: a table of half hours by day, each cell as
// dark as the share of members free for all of it, and the count in it.
import type { FreeTimeOverlap } from '../api/groups';
import { formatDay, formatTime } from '../../../lib/time';

/** The hours always shown; earlier or later rows appear when someone is free then. */
const DAY_START = 8 * 2;
const DAY_END = 22 * 2;

export function OverlapHeatMap({ overlap }: { overlap: FreeTimeOverlap }) {
  const zone = overlap.timezone;
  // each day's cells by their wall-clock label; on a day the clocks go back, a repeated half hour keeps its larger count
  const byLabel = overlap.days.map((day) => {
    const cells = new Map<string, number>();
    for (const cell of day.cells)
      cells.set(formatTime(cell.start, zone), Math.max(cells.get(formatTime(cell.start, zone)) ?? 0, cell.free));
    return cells;
  });
  const labels = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
  const busyRows = labels.map((label, i) => ({ label, i })).filter(({ label }) => byLabel.some((cells) => (cells.get(label) ?? 0) > 0));
  const first = Math.min(DAY_START, ...busyRows.map((r) => r.i));
  const last = Math.max(DAY_END - 1, ...busyRows.map((r) => r.i));
  const share = (free: number) => (overlap.answered ? free / overlap.answered : 0);
  return (
    // it scrolls, so keyboard users can focus it and scroll with the arrow keys
    <div className="heat-map-scroll" tabIndex={0} role="region" aria-label="Free members by half hour this week">
      <table className="heat-map">
        <caption className="small text-secondary">
          How many of the {overlap.answered} members who marked their time are free, in {zone.replaceAll('_', ' ')}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Time</span>
            </th>
            {overlap.days.map((day) => (
              <th scope="col" key={day.date}>
                {formatDay(day.cells[0]?.start ?? `${day.date}T12:00:00Z`, zone)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.slice(first, last + 1).map((label) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {byLabel.map((cells, d) => {
                const free = cells.get(label) ?? 0;
                return (
                  <td key={overlap.days[d]!.date} style={{ backgroundColor: `rgba(25, 135, 84, ${(share(free) * 0.55).toFixed(2)})` }}>
                    {free > 0 ? free : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
