import { WEEKLY_HORIZON_DAYS, weeklyMeetingId, weeklyOccurrences } from './weekly-meetings';

const mondays = { weekday: 1, start: '18:00', durationMinutes: 90, timezone: 'Europe/London' };

describe('the weeks of a weekly schedule', () => {
  it('when planned four weeks ahead, then each start keeps its wall-clock time across the change to summer time', () => {
    expect(weeklyOccurrences(mondays, new Date('2027-03-16T12:00:00Z'), WEEKLY_HORIZON_DAYS)).toEqual([
      { startsAt: '2027-03-22T18:00:00.000Z', endsAt: '2027-03-22T19:30:00.000Z' },
      { startsAt: '2027-03-29T17:00:00.000Z', endsAt: '2027-03-29T18:30:00.000Z' },
      { startsAt: '2027-04-05T17:00:00.000Z', endsAt: '2027-04-05T18:30:00.000Z' },
      { startsAt: '2027-04-12T17:00:00.000Z', endsAt: '2027-04-12T18:30:00.000Z' },
    ]);
  });

  it('when today’s meeting has begun, then the plan starts next week', () => {
    const [first] = weeklyOccurrences(mondays, new Date('2027-01-11T18:00:00Z'), WEEKLY_HORIZON_DAYS);
    expect(first!.startsAt).toBe('2027-01-18T18:00:00.000Z');
  });

  it('when the same week of the same schedule is planned twice, then it has one id; another time or group, another', () => {
    const week = { startsAt: '2027-01-18T18:00:00.000Z', endsAt: '2027-01-18T19:30:00.000Z' };
    const group = '11111111-1111-4111-8111-111111111111';
    expect(weeklyMeetingId(group, week)).toBe(weeklyMeetingId(group, { ...week }));
    expect(weeklyMeetingId(group, { ...week, endsAt: '2027-01-18T19:00:00.000Z' })).not.toBe(weeklyMeetingId(group, week));
    expect(weeklyMeetingId('22222222-2222-4222-8222-222222222222', week)).not.toBe(weeklyMeetingId(group, week));
  });
});
