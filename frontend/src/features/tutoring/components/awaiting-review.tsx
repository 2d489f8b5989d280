// The sessions a student attended and has not reviewed: each card opens with the review form.
import { useQuery } from '@tanstack/react-query';
import { awaitingReviewQuery } from '../api/bookings';
import { BookingList } from './booking-list';

/** After a session, its student is asked how it went until they answer (or a month has passed). */
export function AwaitingReview() {
  const awaiting = useQuery(awaitingReviewQuery);
  if (!awaiting.data?.length) return null;
  return (
    <section className="mb-4" aria-labelledby="awaiting-review">
      <h2 className="h5" id="awaiting-review">
        How did it go?
      </h2>
      <p className="small text-secondary">A few words help other students choose, and help your tutor improve.</p>
      <BookingList bookings={awaiting.data} empty="" askForReview />
    </section>
  );
}
