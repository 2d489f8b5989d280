import { memo } from 'react';
import Form from 'react-bootstrap/Form';
import { allTimeZones } from '../lib/time';

/**
 * A time zone picker; times across the app are shown in the zone chosen here. Memoised: with a stable `onChange`
 * (a state setter, or a functional update), typing elsewhere in a form does not re-render its 400 options.
 */
export const TimeZoneSelect = memo(function TimeZoneSelect({
  id,
  value,
  onChange,
  label = 'Time zone',
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  label?: string;
}) {
  const zones = allTimeZones();
  return (
    <Form.Group className="mb-3" controlId={id}>
      <Form.Label>{label}</Form.Label>
      <Form.Select value={value} onChange={(e) => onChange(e.target.value)}>
        {!zones.includes(value) && <option value={value}>{value}</option>}
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replaceAll('_', ' ')}
          </option>
        ))}
      </Form.Select>
    </Form.Group>
  );
});
