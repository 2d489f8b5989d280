// How each booking status reads and looks, wherever a booking is shown.
import type { Booking } from '../api/bookings';

export const statusVariant: Record<Booking['status'], string> = {
  pending: 'warning',
  confirmed: 'success',
  declined: 'secondary',
  cancelled: 'secondary',
  completed: 'primary',
  no_show: 'danger',
  expired: 'secondary',
};
export const statusText: Record<Booking['status'], string> = {
  pending: 'Awaiting confirmation',
  confirmed: 'Confirmed',
  declined: 'Declined',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
  expired: 'Expired',
};
