import { describe, expect, it } from 'vitest';
import { cellsOf, copyDay, emptyWeek, paintRectangle, rangesOf, WEEKDAYS } from './week-grid';

describe('week grid', () => {
  it('when ranges go into cells and back, then several ranges a day and a range to midnight survive', () => {
    const weekly = [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '14:30', end: '17:00' },
      { weekday: 7, start: '20:00', end: '24:00' },
    ];
    expect(rangesOf(cellsOf(weekly))).toEqual(weekly);
  });

  it('when a range starts or ends inside a half-hour, then the whole half-hour is covered', () => {
    expect(rangesOf(cellsOf([{ weekday: 3, start: '09:15', end: '10:10' }]))).toEqual([{ weekday: 3, start: '09:00', end: '10:30' }]);
  });

  it('when nothing is selected, then there are no ranges', () => {
    expect(rangesOf(emptyWeek())).toEqual([]);
  });

  it('when a drag goes diagonally, then the whole rectangle is painted; going back restores what it leaves', () => {
    const before = cellsOf([{ weekday: 2, start: '10:00', end: '11:00' }]);
    const wide = paintRectangle(before, { day: 0, slot: 34 }, { day: 2, slot: 38 }, true);
    expect(rangesOf(wide)).toEqual([
      { weekday: 1, start: '17:00', end: '19:30' },
      { weekday: 2, start: '10:00', end: '11:00' },
      { weekday: 2, start: '17:00', end: '19:30' },
      { weekday: 3, start: '17:00', end: '19:30' },
    ]);
    const back = paintRectangle(before, { day: 0, slot: 34 }, { day: 0, slot: 35 }, true);
    expect(rangesOf(back)).toEqual([
      { weekday: 1, start: '17:00', end: '18:00' },
      { weekday: 2, start: '10:00', end: '11:00' },
    ]);
    // an upward drag that clears: the same rectangle
    expect(rangesOf(paintRectangle(before, { day: 1, slot: 21 }, { day: 1, slot: 20 }, false))).toEqual([]);
  });

  it('when a day is copied to the weekdays, then Monday to Friday get its hours and the weekend keeps its own', () => {
    const week = cellsOf([
      { weekday: 3, start: '09:00', end: '12:00' },
      { weekday: 1, start: '18:00', end: '20:00' },
      { weekday: 6, start: '10:00', end: '11:00' },
    ]);
    expect(rangesOf(copyDay(week, 2, WEEKDAYS))).toEqual([
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
      { weekday: 6, start: '10:00', end: '11:00' },
    ]);
  });
});
