import { memo, useState } from 'react';
import Form from 'react-bootstrap/Form';
import { getTimeZones } from '@vvo/tzdb';

interface ZoneOption {
  name: string;
  label: string;
  /** Every IANA name that shows this time, old spellings too (Asia/Calcutta for Asia/Kolkata). */
  names: string[];
  search: string;
}

const offsetOf = (minutes: number) =>
  `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

let options: ZoneOption[] | undefined;
/**
 * The zones to choose from, one per distinct local time, by their canonical IANA names (Asia/Kolkata, Europe/Kyiv)
 * and UTC, ordered by their offset today; computed once. The browser's own list keeps legacy names and has no UTC.
 */
function zoneOptions(): ZoneOption[] {
  options ??= getTimeZones({ includeUtc: true })
    .sort((a, b) => a.currentTimeOffsetInMinutes - b.currentTimeOffsetInMinutes || a.name.localeCompare(b.name))
    .map((zone) => {
      const name = zone.name === 'Etc/UTC' ? 'UTC' : zone.name;
      const cities = zone.mainCities.filter(Boolean).join(', ');
      const label = `(${offsetOf(zone.currentTimeOffsetInMinutes)}) ${name.replaceAll('_', ' ')}${cities ? ` · ${cities}` : ''}`;
      return {
        name,
        label,
        names: [name, ...zone.group],
        search: [label, zone.countryName, zone.alternativeName, ...zone.group]
          .join(' ')
          .toLowerCase()
          .replaceAll('_', ' ')
          .replaceAll('−', '-'),
      };
    });
  return options;
}

/**
 * A searchable time zone picker; times across the app are shown in the zone chosen here. Memoised: with a stable
 * `onChange` (a state setter, or a functional update), typing elsewhere in a form does not re-render its options.
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
  const [query, setQuery] = useState('');
  const all = zoneOptions();
  // a zone saved under another name of the same time (an old spelling, a neighbouring city) shows as its option
  const current = all.find((o) => o.names.includes(value));
  const words = query.toLowerCase().replaceAll('−', '-').split(/\s+/).filter(Boolean);
  const matches = words.length ? all.filter((o) => words.every((w) => o.search.includes(w))) : all;
  // the chosen zone stays in the list, so a search never changes the choice by itself
  const shown = current && !matches.includes(current) ? [current, ...matches] : matches;
  return (
    <div className="mb-3">
      <Form.Label htmlFor={id}>{label}</Form.Label>
      <Form.Control
        id={`${id}-search`}
        type="search"
        size="sm"
        className="mb-1"
        placeholder="Search by city, country, zone or UTC+1"
        aria-label={`Search: ${label}`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <Form.Select id={id} value={current?.name ?? value} onChange={(e) => onChange(e.target.value)}>
        {!current && <option value={value}>{value}</option>}
        {shown.map((o) => (
          <option key={o.name} value={o.name}>
            {o.label}
          </option>
        ))}
      </Form.Select>
      {words.length > 0 && (
        <Form.Text>
          {matches.length} {matches.length === 1 ? 'zone matches' : 'zones match'} “{query}”
        </Form.Text>
      )}
    </div>
  );
});
