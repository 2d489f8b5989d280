// What students will see: the coming week's open slots for the hours being edited, before they are saved.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounce } from 'use-debounce';
import { QueryState } from '../../../components/page-state';
import { dayKey, formatDay, formatTime } from '../../../lib/time';
import { previewSlots, type AvailabilityInput } from '../api/tutor-profile';

/** Painting the grid changes the draft many times a second: the preview asks once the hand rests. */
const SETTLE_MS = 400;

export function SlotPreview({ draft, sessionLengths }: { draft: AvailabilityInput; sessionLengths: number[] }) {
  const [length, setLength] = useState(sessionLengths.includes(60) ? 60 : (sessionLengths[0] ?? 60));
  const [settled] = useDebounce(JSON.stringify(draft), SETTLE_MS);
  const preview = useQuery({
    queryKey: ['availability-preview', settled, length],
    queryFn: () => previewSlots(JSON.parse(settled) as AvailabilityInput, length),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="mt-4" aria-labelledby="slot-preview">
      <div className="d-flex justify-content-between align-items-end flex-wrap gap-2 mb-2">
        <h3 className="h6 mb-0" id="slot-preview">
          What students see in the next 7 days
        </h3>
        <Form.Group controlId="preview-length" className="d-flex align-items-center gap-2">
          <Form.Label className="mb-0 small">Session length</Form.Label>
          <Form.Select size="sm" value={length} onChange={(e) => setLength(Number(e.target.value))} style={{ width: 'auto' }}>
            {sessionLengths.map((l) => (
              <option key={l} value={l}>
                {l} min
              </option>
            ))}
          </Form.Select>
        </Form.Group>
      </div>
      <QueryState query={preview} loadingLabel="Working out your slots…">
        {({ timezone, slots }) => {
          if (slots.length === 0) return <p className="small text-secondary">No open slots: students could not book you this week.</p>;
          const days = new Map<string, string[]>();
          for (const s of slots) days.set(dayKey(s.start, timezone), [...(days.get(dayKey(s.start, timezone)) ?? []), s.start]);
          return (
            <div aria-live="polite">
              <p className="small mb-1">
                {slots.length} open {slots.length === 1 ? 'slot' : 'slots'} (times in {timezone.replaceAll('_', ' ')}; saved bookings and
                breaks taken into account):
              </p>
              <ul className="small list-unstyled mb-0">
                {[...days.values()].map((starts) => (
                  <li key={starts[0]}>
                    <strong>{formatDay(starts[0]!, timezone)}</strong>: {starts.map((start) => formatTime(start, timezone)).join(', ')}
                  </li>
                ))}
              </ul>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
