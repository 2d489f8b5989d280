import { describe, expect, it } from 'vitest';
import { cellsOf, emptyWeek, rangesOf } from './week-grid';

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
});
