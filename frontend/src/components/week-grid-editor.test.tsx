import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { WeekGridEditor } from './week-grid-editor';
import { emptyWeek, rangesOf } from '../lib/week-grid';

function Harness({ onRanges }: { onRanges: (r: ReturnType<typeof rangesOf>) => void }) {
  const [cells, setCells] = useState(emptyWeek);
  return (
    <WeekGridEditor
      label="Weekly hours"
      cells={cells}
      onChange={(next) => {
        setCells(next);
        onRanges(rangesOf(next));
      }}
    />
  );
}

describe('the weekly hours editor', () => {
  it('when half-hours are clicked, then they become available and clicking again clears one', async () => {
    let ranges: ReturnType<typeof rangesOf> = [];
    render(<Harness onRanges={(r) => (ranges = r)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Mon 09:00' }));
    await userEvent.click(screen.getByRole('button', { name: 'Mon 09:30' }));
    expect(ranges).toEqual([{ weekday: 1, start: '09:00', end: '10:00' }]);
    expect(screen.getByRole('button', { name: 'Mon 09:00' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Mon 09:30' }));
    expect(ranges).toEqual([{ weekday: 1, start: '09:00', end: '09:30' }]);
  });

  it('when used with the keyboard, then arrows move between half-hours and Space toggles', async () => {
    let ranges: ReturnType<typeof rangesOf> = [];
    render(<Harness onRanges={(r) => (ranges = r)} />);
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Mon 09:00' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}{ArrowDown} ');
    expect(screen.getByRole('button', { name: 'Tue 09:30' })).toHaveFocus();
    expect(ranges).toEqual([{ weekday: 2, start: '09:30', end: '10:00' }]);
  });
});
