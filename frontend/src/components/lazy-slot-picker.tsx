// The slot picker, loaded when first shown. Where picking a time is a second step (rescheduling, booking a tutor for
// a group), the page does not carry the month calendar until someone opens it. On a tutor's page the profile draws
// without waiting for the calendar's code: on a phone the calendar sits below the profile, out of sight at first.
import { lazy, Suspense } from 'react';
import { Loading } from './page-state';
import type { SlotPicker } from './slot-picker';

const Picker = lazy(() => import('./slot-picker').then((module) => ({ default: module.SlotPicker })));

export function LazySlotPicker(props: React.ComponentProps<typeof SlotPicker>) {
  return (
    <Suspense fallback={<Loading label="Loading the calendar…" />}>
      <Picker {...props} />
    </Suspense>
  );
}
