// What the home page shows under the search: a signed-in person's next session and meetings; a visitor, the
// best-rated tutors and groups with room, so the first page already leads somewhere.
import Card from 'react-bootstrap/Card';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Empty } from '../components/page-state';
import { useAuth } from '../lib/auth';
import { formatDateTime } from '../lib/time';
import { browseGroups, upcomingMeetings } from '../features/groups/api/groups';
import { awaitingReviewQuery, myBookingsQuery } from '../features/tutoring/api/bookings';
import { searchTutors } from '../features/tutoring/api/tutors';

const FEATURED = 3;

/** One card of the member's coming things: a heading, then what there is. */
function ComingUp({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Col md={6}>
      <Card body>
        <h3 className="h6">{title}</h3>
        <div>{children}</div>
      </Card>
    </Col>
  );
}

export function SignedInHome() {
  const { timeZone } = useAuth();
  const sessions = useQuery(myBookingsQuery('upcoming'));
  const meetings = useQuery({ queryKey: ['meetings', 'upcoming'], queryFn: upcomingMeetings });
  const next = sessions.data?.bookings.find((b) => b.status === 'pending' || b.status === 'confirmed');
  const toReview = useQuery(awaitingReviewQuery);
  // The section is the page's last and draws whole, once all have answered: cards filled one by one would push
  // those under them down (on a phone they stack).
  if (sessions.isPending || meetings.isPending || toReview.isPending) return null;
  return (
    <Row as="section" className="g-4 mb-4" aria-labelledby="coming-up">
      <h2 id="coming-up" className="h5 mb-0">
        Coming up
      </h2>
      {toReview.data && toReview.data.length > 0 && (
        <p className="mb-0">
          {toReview.data.length === 1 ? 'A session you attended waits' : `${toReview.data.length} sessions you attended wait`} for your
          review. <Link to="/sessions">How did it go?</Link>
        </p>
      )}
      <ComingUp title="Your next session">
        {next ? (
          <>
            {formatDateTime(next.start, timeZone)} · {next.lengthMinutes} min
            {next.status === 'pending' ? ' · awaiting confirmation' : ''} · <Link to="/sessions">All your sessions</Link>
          </>
        ) : (
          <>
            Nothing booked. <Link to="/tutors">Book a session</Link>
          </>
        )}
      </ComingUp>
      <ComingUp title="Your group meetings">
        {meetings.data && meetings.data.length > 0 ? (
          meetings.data.slice(0, FEATURED).map(({ meeting, groupName }) => (
            <span key={meeting.id} className="d-block">
              {formatDateTime(meeting.startsAt, timeZone)} ·{' '}
              <Link to={`/groups/${meeting.groupId}`} className="name-cut align-bottom" style={{ maxWidth: '16rem' }} title={groupName}>
                {groupName}
              </Link>
            </span>
          ))
        ) : (
          <>
            No meetings coming. <Link to="/groups">Find a study group</Link>
          </>
        )}
      </ComingUp>
    </Row>
  );
}

export function VisitorHome() {
  const tutors = useQuery({ queryKey: ['tutors', 'featured'], queryFn: () => searchTutors({ sort: 'rating' }) });
  const groups = useQuery({ queryKey: ['groups', 'featured'], queryFn: () => browseGroups({ hasSpace: 'true' }) });
  // drawn whole once both have answered, like a member's: on a phone the groups sit under the tutors
  if (tutors.isPending || groups.isPending) return null;
  return (
    <Row as="section" className="g-4 mb-4" aria-labelledby="featured">
      <h2 id="featured" className="h5 mb-0">
        Popular right now
      </h2>
      <Col md={6}>
        <h3 className="h6">Top-rated tutors</h3>
        {tutors.data && tutors.data.tutors.length > 0 ? (
          <ul className="list-unstyled">
            {tutors.data.tutors.slice(0, FEATURED).map((t) => (
              <li key={t.id}>
                <Link to={`/tutors/${t.id}`}>{t.displayName}</Link> · {t.headline}
                {t.rating.average !== null && ` · ${t.rating.average} ★ (${t.rating.count})`}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No tutors yet.</Empty>
        )}
      </Col>
      <Col md={6}>
        <h3 className="h6">Groups with room</h3>
        {groups.data && groups.data.groups.length > 0 ? (
          <ul className="list-unstyled">
            {groups.data.groups.slice(0, FEATURED).map((g) => (
              <li key={g.id}>
                <Link to={`/groups/${g.id}`} className="name-cut align-bottom" style={{ maxWidth: '16rem' }} title={g.name}>
                  {g.name}
                </Link>{' '}
                · {g.course} · {g.capacity - g.memberCount} places left
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No open groups yet.</Empty>
        )}
      </Col>
    </Row>
  );
}
