// Where a session happens: the meeting link as a link, or the place in words.
import type { Booking } from '../api/bookings';

export function BookingPlace({ booking }: { booking: Booking }) {
  if (!booking.place) return null;
  if (booking.mode === 'online' && /^https?:\/\//.test(booking.place)) {
    return (
      <p className="small mb-1">
        Join online:{' '}
        <a href={booking.place} target="_blank" rel="noopener noreferrer">
          {booking.place}
        </a>
      </p>
    );
  }
  return <p className="small mb-1">Where: {booking.place}</p>;
}
