// My weekly free time for a group, marked on the week grid in one zone and saved whole.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToasts } from '../../../components/toasts';
import { WeekGridEditor } from '../../../components/week-grid-editor';
import { cellsOf, rangesOf, type WeekCells } from '../../../lib/week-grid';
import { setMyFreeTime, type FreeTime, type Group } from '../api/groups';

export function MyFreeTime({ group, saved, zone }: { group: Group; saved: FreeTime; zone: string }) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [cells, setCells] = useState<WeekCells>(() => cellsOf(saved.weekly));
  const save = useMutation({
    mutationFn: () => setMyFreeTime(group.id, { timezone: zone, weekly: rangesOf(cells) }),
    onSuccess: () => {
      toasts.success('Your free time is saved');
      void queryClient.invalidateQueries({ queryKey: ['group', group.id, 'free-time'] });
    },
    onError: (e) => toasts.failure(e, 'Not saved'),
  });
  return (
    <section aria-labelledby="my-free-time" className="mb-4">
      <h2 className="h5" id="my-free-time">
        When are you free each week?
      </h2>
      <p className="small text-secondary">
        Mark the half hours you could usually meet, in {zone.replaceAll('_', ' ')}. Others see only how many are free, never who.
      </p>
      <WeekGridEditor cells={cells} onChange={setCells} label="Your weekly free time: each button is a half hour; pressed means free" />
      <Button className="mt-2" onClick={() => save.mutate()} disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save my free time'}
      </Button>
    </section>
  );
}
