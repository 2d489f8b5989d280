// What a person sees right after booking: the time, where to meet, their calendar, and what happens next.
import { useEffect, useRef } from 'react';
import Card from 'react-bootstrap/Card';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { isId, NotFound, QueryState, type Missing } from '../../../components/page-state';
import { useAuth } from '../../../lib/auth';
import { courseLabel, useCourses } from '../../../lib/catalog';
import { usePeople } from '../../../lib/people';
import { formatDateTime } from '../../../lib/time';
import { getBooking, type Booking } from '../api/bookings';
import { AddToCalendar } from './add-to-calendar';
import { BookingPlace } from './booking-place';
import { statusText } from './booking-status';

const noSuchBooking: Missing = { title: 'No such session', back: { to: '/sessions', label: 'My sessions' } };

function NextSteps({ booking, otherName, timeZone }: { booking: Booking; otherName: string; timeZone: string }) {
  if (booking.status === 'pending') {
    return (
      <p>
        {otherName} has been asked to confirm
        {booking.expiresAt ? ` by ${formatDateTime(booking.expiresAt, timeZone)}` : ''}. The time is held for you meanwhile; if there is no
        answer by then, the request expires and the time is freed. The answer shows under My sessions.
      </p>
    );
  }
  if (booking.status === 'confirmed') {
    return <p>The time is yours. You can cancel or reschedule it from My sessions.</p>;
  }
  return <p>This session is {statusText[booking.status].toLowerCase()}.</p>;
}

export default function BookingConfirmationPage() {
  const { bookingId = '' } = useParams();
  const known = isId(bookingId);
  const { user, timeZone } = useAuth();
  const courses = useCourses();
  const booking = useQuery({ queryKey: ['bookings', 'one', bookingId], queryFn: () => getBooking(bookingId), enabled: known });
  const other = booking.data ? (booking.data.tutorId === user?.id ? booking.data.studentId : booking.data.tutorId) : null;
  const nameOf = usePeople(other ? [other] : []);
  // the page answers the click on Book: its heading takes the focus, so a screen reader hears the outcome first
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = booking.data !== undefined;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  if (!known) return <NotFound {...noSuchBooking} />;
  return (
    <QueryState query={booking} loadingLabel="Loading the session…" missing={noSuchBooking}>
      {(b) => {
        const asTutor = b.tutorId === user?.id;
        const title = `${courseLabel(courses.data, b.courseId)} ${asTutor ? 'for' : 'with'} ${nameOf(other!)}`;
        return (
          <section className="booking-confirmation">
            <h1 className="h3" ref={heading} tabIndex={-1}>
              {b.status === 'pending'
                ? 'Session requested'
                : b.status === 'confirmed'
                  ? 'Session booked'
                  : `Session ${statusText[b.status].toLowerCase()}`}
            </h1>
            <Card className="my-3">
              <Card.Body>
                <h2 className="h5">{title}</h2>
                <p className="mb-1">
                  <strong>{formatDateTime(b.start, timeZone)}</strong> · {b.lengthMinutes} min ·{' '}
                  {b.mode === 'online' ? 'online' : 'in person'}
                </p>
                <BookingPlace booking={b} />
                {(b.status === 'pending' || b.status === 'confirmed') && (
                  <div className="mt-3">
                    <AddToCalendar booking={b} title={title} />
                  </div>
                )}
              </Card.Body>
            </Card>
            <h2 className="h5">What happens next</h2>
            <NextSteps booking={b} otherName={nameOf(other!)} timeZone={timeZone} />
            <p className="d-flex gap-3">
              <Link to="/sessions">My sessions</Link>
              {!asTutor && <Link to={`/tutors/${b.tutorId}`}>Back to {nameOf(other!)}</Link>}
            </p>
          </section>
        );
      }}
    </QueryState>
  );
}
