// My sessions as a student and as a tutor: upcoming and past, with the calendar subscription.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Nav from 'react-bootstrap/Nav';
import { useMutation, useQuery } from '@tanstack/react-query';
import { QueryState } from '../../../components/page-state';
import { useToasts } from '../../../components/toasts';
import { createCalendarFeed, myBookingsQuery, type Booking } from '../api/bookings';
import { AwaitingReview } from './awaiting-review';
import { BookingList } from './booking-list';

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

type Tab = 'upcoming' | 'called-off' | 'past';
const tabs: { key: Tab; title: string; empty: string }[] = [
  { key: 'upcoming', title: 'Upcoming', empty: 'No upcoming sessions. Find a tutor to book one.' },
  { key: 'called-off', title: 'Cancelled', empty: 'No upcoming session was cancelled, declined or left to expire.' },
  { key: 'past', title: 'Past', empty: 'No past sessions yet.' },
];
/** Upcoming sessions that will not take place: they leave Upcoming for their own tab. */
const calledOff = new Set<Booking['status']>(['cancelled', 'declined', 'expired']);

export default function MySessionsPage() {
  const [tab, setTab] = useState<Tab>('upcoming');
  const when = tab === 'past' ? 'past' : 'upcoming';
  const bookings = useQuery(myBookingsQuery(when));
  const current = tabs.find((t) => t.key === tab)!;
  return (
    <>
      <h1 className="h3 mb-3">My sessions</h1>
      <AwaitingReview />
      <CalendarFeed />
      <Nav variant="tabs" activeKey={tab} onSelect={(k) => setTab(tabs.find((t) => t.key === k)?.key ?? 'upcoming')} className="mb-3">
        {tabs.map((t) => (
          <Nav.Item key={t.key}>
            <Nav.Link eventKey={t.key}>{t.title}</Nav.Link>
          </Nav.Item>
        ))}
      </Nav>
      {/* the cards below are h3: this keeps the headings in order for screen readers */}
      <h2 className="visually-hidden">{current.title} sessions</h2>
      <QueryState query={bookings} loadingLabel="Loading your sessions…">
        {({ bookings: list }) => (
          <BookingList
            bookings={tab === 'past' ? list : list.filter((b) => calledOff.has(b.status) === (tab === 'called-off'))}
            empty={current.empty}
          />
        )}
      </QueryState>
    </>
  );
}
