// My sessions as a student and as a tutor: upcoming and past, with the calendar subscription.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Nav from 'react-bootstrap/Nav';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Empty, QueryState } from '../../../components/page-state';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { usePeople } from '../../../lib/people';
import { createCalendarFeed, listBookings, type Booking } from '../api/bookings';
import { courseLabel, useCourses } from '../../../lib/catalog';
import { BookingCard } from './booking-card';

export function BookingList({ bookings, empty }: { bookings: Booking[]; empty: string }) {
  const { user } = useAuth();
  const courses = useCourses();
  const nameOf = usePeople(bookings.map((b) => (b.tutorId === user?.id ? b.studentId : b.tutorId)));
  if (bookings.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div>
      {bookings.map((b) => (
        <BookingCard
          key={b.id}
          booking={b}
          otherName={nameOf(b.tutorId === user?.id ? b.studentId : b.tutorId)}
          courseName={courseLabel(courses.data, b.courseId)}
        />
      ))}
    </div>
  );
}

function CalendarFeed() {
  const toasts = useToasts();
  const feed = useMutation({ mutationFn: createCalendarFeed, onError: (e) => toasts.failure(e) });
  return (
    <div className="mb-3">
      {feed.data ? (
        <Alert variant="info">
          Subscribe in your calendar app with this private address (shown once; making a new one stops the old):
          <br />
          <code className="user-select-all">{new URL(feed.data.path, window.location.origin).toString()}</code>
        </Alert>
      ) : (
        <Button size="sm" variant="outline-secondary" onClick={() => feed.mutate()} disabled={feed.isPending}>
          Get a calendar subscription address
        </Button>
      )}
    </div>
  );
}

export default function MySessionsPage() {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const bookings = useQuery({ queryKey: ['bookings', 'mine', when], queryFn: () => listBookings({ when }) });
  return (
    <>
      <h1 className="h3 mb-3">My sessions</h1>
      <CalendarFeed />
      <Nav variant="tabs" activeKey={when} onSelect={(k) => setWhen(k === 'past' ? 'past' : 'upcoming')} className="mb-3">
        <Nav.Item>
          <Nav.Link eventKey="upcoming">Upcoming</Nav.Link>
        </Nav.Item>
        <Nav.Item>
          <Nav.Link eventKey="past">Past</Nav.Link>
        </Nav.Item>
      </Nav>
      <QueryState query={bookings} loadingLabel="Loading your sessions…">
        {({ bookings: list }) => (
          <BookingList
            bookings={list}
            empty={when === 'upcoming' ? 'No upcoming sessions. Find a tutor to book one.' : 'No past sessions yet.'}
          />
        )}
      </QueryState>
    </>
  );
}
