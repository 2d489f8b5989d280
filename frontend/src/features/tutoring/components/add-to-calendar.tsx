// A session into the person's own calendar: Google and Outlook by link, anything else by .ics file.
import Button from 'react-bootstrap/Button';
import { google, outlook } from 'calendar-link';
import { useToasts } from '../../../components/toasts';
import { downloadFile } from '../../../lib/api-client';
import { calendarFileUrl, type Booking } from '../api/bookings';

export function AddToCalendar({ booking, title }: { booking: Booking; title: string }) {
  const toasts = useToasts();
  const event = {
    title,
    start: booking.start,
    end: booking.end,
    location: booking.place ?? undefined,
    description: booking.place
      ? `Tutoring session, ${booking.mode === 'online' ? 'online' : 'in person'}: ${booking.place}`
      : 'Tutoring session',
  };
  return (
    <div className="d-flex flex-wrap gap-2" role="group" aria-label="Add to calendar">
      <a className="btn btn-sm btn-outline-secondary" href={google(event)} target="_blank" rel="noopener noreferrer">
        Google Calendar
      </a>
      <a className="btn btn-sm btn-outline-secondary" href={outlook(event)} target="_blank" rel="noopener noreferrer">
        Outlook
      </a>
      <Button
        size="sm"
        variant="outline-secondary"
        onClick={() => void downloadFile(calendarFileUrl(booking.id), `session-${booking.id}.ics`).catch((e: unknown) => toasts.failure(e))}
      >
        Calendar file (.ics)
      </Button>
    </div>
  );
}
