// Weekly hours, date overrides, time off and booking rules, saved together.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToasts } from '../../../components/toasts';
import { browserTimeZone } from '../../../lib/time';
import { TimeZoneSelect } from '../../../components/time-zone-select';
import { saveAvailability, type Availability } from '../api/tutor-profile';
import { WeekGridEditor } from '../../../components/week-grid-editor';
import { SlotPreview } from './slot-preview';
import { cellsOf, copyDay, rangesOf, WEEKDAYS } from '../../../lib/week-grid';

const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type RuleName =
  'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minNoticeMinutes' | 'maxHorizonDays' | 'maxSessionsPerDay' | 'studentWeeklyCapMinutes';

/** The booking rules, with the tutoring API's bounds; the nullable ones mean "no limit" when empty. */
const ruleFields: Array<{ name: RuleName; label: string; min: number; max: number; nullable?: boolean }> = [
  { name: 'bufferBeforeMinutes', label: 'Break before (min)', min: 0, max: 120 },
  { name: 'bufferAfterMinutes', label: 'Break after (min)', min: 0, max: 120 },
  { name: 'minNoticeMinutes', label: 'Notice needed (min)', min: 0, max: 43_200 },
  { name: 'maxHorizonDays', label: 'Book up to (days ahead)', min: 1, max: 365 },
  { name: 'maxSessionsPerDay', label: 'Most sessions a day', min: 1, max: 24, nullable: true },
  { name: 'studentWeeklyCapMinutes', label: 'Per student a week (min)', min: 15, max: 2400, nullable: true },
];

export function AvailabilityForm({ availability, sessionLengths }: { availability: Availability; sessionLengths: number[] }) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [cells, setCells] = useState(() => cellsOf(availability.weekly));
  const [timezone, setTimezone] = useState(availability.weekly.length ? availability.timezone : browserTimeZone());
  const [rules, setRules] = useState({
    bufferBeforeMinutes: availability.bufferBeforeMinutes,
    bufferAfterMinutes: availability.bufferAfterMinutes,
    minNoticeMinutes: availability.minNoticeMinutes,
    maxHorizonDays: availability.maxHorizonDays,
    maxSessionsPerDay: availability.maxSessionsPerDay,
    studentWeeklyCapMinutes: availability.studentWeeklyCapMinutes,
  });
  const [overrides, setOverrides] = useState(availability.overrides);
  const [timeOff, setTimeOff] = useState(availability.timeOff);
  const [special, setSpecial] = useState({ date: '', start: '', end: '' });
  const [away, setAway] = useState({ start: '', end: '' });
  const [copyFrom, setCopyFrom] = useState(0);
  const draft = { timezone, weekly: rangesOf(cells), overrides, timeOff, ...rules };
  const save = useMutation({
    mutationFn: () => saveAvailability(draft),
    onSuccess: () => {
      toasts.success('Availability saved');
      void queryClient.invalidateQueries({ queryKey: ['my-tutor-profile'] });
    },
    onError: (e) => toasts.failure(e, 'Not saved'),
  });
  const number = (name: keyof typeof rules, nullable = false) => ({
    type: 'number' as const,
    value: rules[name] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setRules({ ...rules, [name]: e.target.value === '' && nullable ? null : Number(e.target.value) }),
  });
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <TimeZoneSelect id="availability-timezone" value={timezone} onChange={setTimezone} label="Your hours are in this time zone" />
      <h3 className="h6">Weekly hours</h3>
      <p className="small text-secondary">Click or drag across the grid; with the keyboard, use the arrow keys and Space.</p>
      <WeekGridEditor cells={cells} onChange={setCells} label="Weekly hours: each button is a half hour; pressed means available" />
      <div className="d-flex gap-2 align-items-center flex-wrap mt-2">
        <Form.Label htmlFor="copy-day" className="mb-0 small">
          Day to copy
        </Form.Label>
        <Form.Select id="copy-day" size="sm" className="w-auto" value={copyFrom} onChange={(e) => setCopyFrom(Number(e.target.value))}>
          {dayNames.map((name, day) => (
            <option key={name} value={day}>
              {name}
            </option>
          ))}
        </Form.Select>
        <Button size="sm" variant="outline-secondary" onClick={() => setCells(copyDay(cells, copyFrom, WEEKDAYS))}>
          Copy to Monday–Friday
        </Button>
      </div>
      <Row className="g-3 mt-2">
        <Col md={6}>
          <h3 className="h6">Days off or different hours</h3>
          <p className="small text-secondary mb-1">Leave the times empty for a day off.</p>
          <div className="d-flex gap-2 mb-2 flex-wrap">
            <Form.Label htmlFor="special-date" visuallyHidden>
              Date
            </Form.Label>
            <Form.Control
              id="special-date"
              type="date"
              value={special.date}
              onChange={(e) => setSpecial({ ...special, date: e.target.value })}
              className="w-auto"
            />
            <Form.Label htmlFor="special-start" visuallyHidden>
              From (optional)
            </Form.Label>
            <Form.Control
              id="special-start"
              type="time"
              value={special.start}
              onChange={(e) => setSpecial({ ...special, start: e.target.value })}
              className="w-auto"
            />
            <Form.Label htmlFor="special-end" visuallyHidden>
              Until (optional)
            </Form.Label>
            <Form.Control
              id="special-end"
              type="time"
              value={special.end}
              onChange={(e) => setSpecial({ ...special, end: e.target.value })}
              className="w-auto"
            />
            <Button
              variant="outline-secondary"
              disabled={!special.date || Boolean(special.start) !== Boolean(special.end)}
              onClick={() => {
                const ranges = special.start && special.end ? [{ start: special.start, end: special.end }] : [];
                setOverrides([...overrides.filter((o) => o.date !== special.date), { date: special.date, ranges }]);
                setSpecial({ date: '', start: '', end: '' });
              }}
            >
              Add date
            </Button>
          </div>
          <ul className="list-unstyled">
            {overrides.map((o) => (
              <li key={o.date}>
                {o.date}: {o.ranges.length ? o.ranges.map((r) => `${r.start}–${r.end}`).join(', ') : 'off'}{' '}
                <Button variant="link" size="sm" onClick={() => setOverrides(overrides.filter((x) => x.date !== o.date))}>
                  Remove {o.date}
                </Button>
              </li>
            ))}
          </ul>
        </Col>
        <Col md={6}>
          <h3 className="h6">Time away</h3>
          <div className="d-flex gap-2 mb-2 flex-wrap">
            <Form.Label htmlFor="away-start" visuallyHidden>
              From
            </Form.Label>
            <Form.Control
              id="away-start"
              type="datetime-local"
              value={away.start}
              onChange={(e) => setAway({ ...away, start: e.target.value })}
              className="w-auto"
            />
            <Form.Label htmlFor="away-end" visuallyHidden>
              Until
            </Form.Label>
            <Form.Control
              id="away-end"
              type="datetime-local"
              value={away.end}
              onChange={(e) => setAway({ ...away, end: e.target.value })}
              className="w-auto"
            />
            <Button
              variant="outline-secondary"
              disabled={!away.start || !away.end}
              onClick={() => {
                // entered in this browser's zone
                setTimeOff([...timeOff, { start: new Date(away.start).toISOString(), end: new Date(away.end).toISOString() }]);
                setAway({ start: '', end: '' });
              }}
            >
              Add time away
            </Button>
          </div>
          <ul className="list-unstyled">
            {timeOff.map((t) => (
              <li key={t.start}>
                {new Date(t.start).toLocaleString()} – {new Date(t.end).toLocaleString()}{' '}
                <Button variant="link" size="sm" onClick={() => setTimeOff(timeOff.filter((x) => x.start !== t.start))}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        </Col>
      </Row>
      <h3 className="h6 mt-2">Booking rules</h3>
      <Row className="g-2">
        {ruleFields.map((rule) => (
          <Col xs={6} md={4} key={rule.name}>
            <Form.Group controlId={`rule-${rule.name}`}>
              <Form.Label>{rule.label}</Form.Label>
              <Form.Control
                min={rule.min}
                max={rule.max}
                placeholder={rule.nullable ? 'no limit' : undefined}
                {...number(rule.name, rule.nullable)}
              />
            </Form.Group>
          </Col>
        ))}
      </Row>
      <SlotPreview draft={draft} sessionLengths={sessionLengths} />
      <Button type="submit" className="mt-3" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save availability'}
      </Button>
    </Form>
  );
}
