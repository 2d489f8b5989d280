// A tutor: who they are, their courses and reviews, and booking one of their open slots.
import { useEffect, useRef, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { drawnWith, Empty, isId, NotFound, QueryState, type Missing } from '../../../components/page-state';
import { Later } from '../../../components/later';
import { useToasts } from '../../../components/toasts';
import { ApiError, errorMessage } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/time';
import { useAuth } from '../../../lib/auth';
import { bookSession, newIdempotencyKey, replyToReview } from '../api/bookings';
import { courseLabel, useCourses } from '../../../lib/catalog';
import { reviewsQuery, tutorQuery, type Reviews, type Tutor } from '../api/tutors';
import { LazySlotPicker } from '../../../components/lazy-slot-picker';
import type { Slot } from '../../../components/slot-picker';
import { Stars } from './stars';
import { TutorFacts } from './tutor-facts';
import { Avatar } from '../../../components/avatar';

/** Errors that mean the chosen time can no longer be booked. */
const lostSlot = new Set(['slot-taken', 'slot-unavailable']);

function BookingPanel({ tutor }: { tutor: Tutor }) {
  const { user, timeZone } = useAuth();
  const courses = useCourses();
  const navigate = useNavigate();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [courseId, setCourseId] = useState(tutor.courseIds[0] ?? '');
  const [length, setLength] = useState(tutor.sessionLengths.includes(60) ? 60 : (tutor.sessionLengths[0] ?? 60));
  const [mode, setMode] = useState<'online' | 'in_person'>(tutor.modes[0] ?? 'online');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [message, setMessage] = useState('');
  // one key per attempt: a double click or a retry books once
  const [key, setKey] = useState(newIdempotencyKey);
  const book = useMutation({
    mutationFn: () => bookSession({ tutorId: tutor.id, courseId, start: slot!.start, length, mode, message }, key),
    onSuccess: (booking) => {
      toasts.success(booking.status === 'confirmed' ? 'Booked and confirmed' : 'Requested: the tutor will confirm');
      void queryClient.invalidateQueries({ queryKey: ['bookings'] });
      void navigate(`/sessions/${booking.id}`);
    },
    onError: (error) => {
      setKey(newIdempotencyKey());
      // the time went to someone else: it is no longer a choice, and the refreshed slots show what is left
      if (error instanceof ApiError && lostSlot.has(error.code)) setSlot(null);
      void queryClient.invalidateQueries({ queryKey: ['slots', tutor.id] });
    },
  });
  // the choice and its confirmation come into view with the focus, so nobody tabs through the remaining slots
  const choice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!slot) return;
    choice.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    choice.current?.focus({ preventScroll: true });
  }, [slot]);
  const choose = (chosen: Slot) => {
    book.reset();
    setSlot(chosen);
  };
  if (tutor.courseIds.length === 0) return <Empty>This tutor has no approved courses yet.</Empty>;
  return (
    <Card>
      <Card.Body>
        <h2 className="h5">Book a session</h2>
        <Row className="g-2 mb-3">
          <Col sm={6}>
            <Form.Group controlId="book-course">
              <Form.Label>Course</Form.Label>
              <Form.Select value={courseId} onChange={(e) => (setCourseId(e.target.value), setSlot(null))}>
                {tutor.courseIds.map((id) => (
                  <option key={id} value={id}>
                    {courseLabel(courses.data, id)}
                  </option>
                ))}
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={6} sm={3}>
            <Form.Group controlId="book-length">
              <Form.Label>Length</Form.Label>
              <Form.Select value={length} onChange={(e) => (setLength(Number(e.target.value)), setSlot(null))}>
                {tutor.sessionLengths.map((l) => (
                  <option key={l} value={l}>
                    {l} min
                  </option>
                ))}
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={6} sm={3}>
            <Form.Group controlId="book-mode">
              <Form.Label>Where</Form.Label>
              <Form.Select value={mode} onChange={(e) => setMode(e.target.value as 'online' | 'in_person')}>
                {tutor.modes.map((m) => (
                  <option key={m} value={m}>
                    {m === 'online' ? 'Online' : 'In person'}
                  </option>
                ))}
              </Form.Select>
            </Form.Group>
          </Col>
        </Row>
        <LazySlotPicker tutorId={tutor.id} courseId={courseId} length={length} timeZone={timeZone} selected={slot} onSelect={choose} />
        {book.error && !slot && <Alert variant="danger">{errorMessage(book.error)}</Alert>}
        {slot && (
          // on a phone the choice and its Book button stay in view at the bottom of the screen
          <Form
            className="mt-3 booking-choice"
            aria-label="Your choice"
            onSubmit={(e) => {
              e.preventDefault();
              book.mutate();
            }}
          >
            <p ref={choice} tabIndex={-1}>
              <strong>{formatDateTime(slot.start, timeZone)}</strong> your time · {slot.tutorLocalStart.slice(11, 16)} for{' '}
              {tutor.displayName} ({tutor.timezone.replaceAll('_', ' ')})
            </p>
            <Form.Group className="mb-2" controlId="book-message">
              <Form.Label>Message for the tutor (optional)</Form.Label>
              <Form.Control as="textarea" rows={1} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} />
            </Form.Group>
            {book.error && <Alert variant="danger">{errorMessage(book.error)}</Alert>}
            {user ? (
              <Button type="submit" disabled={book.isPending}>
                {book.isPending ? 'Booking…' : 'Book this slot'}
              </Button>
            ) : (
              <Link className="btn btn-primary" to={`/login?next=/tutors/${tutor.id}`}>
                Log in to book
              </Link>
            )}
          </Form>
        )}
      </Card.Body>
    </Card>
  );
}

/** The tutor answers a review on their own page; the answer shows under it for everyone. */
function ReplyForm({ bookingId, tutorId }: { bookingId: string; tutorId: string }) {
  const [reply, setReply] = useState('');
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => replyToReview(bookingId, reply),
    onSuccess: () => {
      toasts.success('Reply posted');
      void queryClient.invalidateQueries(reviewsQuery(tutorId));
    },
    onError: (e) => toasts.failure(e, 'Not posted'),
  });
  return (
    <Form
      className="ms-3 mt-1"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <Form.Label htmlFor={`reply-${bookingId}`} visuallyHidden>
        Your reply
      </Form.Label>
      <div className="d-flex gap-2">
        <Form.Control
          id={`reply-${bookingId}`}
          size="sm"
          required
          maxLength={2000}
          placeholder="Reply to this review"
          value={reply}
          onChange={(e) => setReply(e.target.value)}
        />
        <Button type="submit" size="sm" disabled={send.isPending}>
          Reply
        </Button>
      </div>
    </Form>
  );
}

function TutorReviews({ tutor, reviews }: { tutor: Tutor; reviews: UseQueryResult<Reviews> }) {
  const { user, timeZone } = useAuth();
  return (
    <>
      <h2 className="h5 mt-4">Reviews</h2>
      <QueryState query={reviews}>
        {({ reviews: list }) =>
          list.length === 0 ? (
            <Empty>No reviews yet.</Empty>
          ) : (
            <ul className="list-unstyled">
              {list.map((r) => (
                <li key={r.bookingId} className="border-bottom py-2">
                  <Stars rating={{ average: r.rating, count: 1 }} />{' '}
                  <span className="small text-secondary">{formatDate(r.createdAt, timeZone)}</span>
                  {r.text && <p className="mb-1">{r.text}</p>}
                  {r.reply && <p className="small mb-0 ms-3">Tutor’s reply: {r.reply}</p>}
                  {!r.reply && user?.id === tutor.id && <ReplyForm bookingId={r.bookingId} tutorId={tutor.id} />}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

const noSuchTutor: Missing = { title: 'No such tutor', back: { to: '/tutors', label: 'Find a tutor' } };

export default function TutorPage() {
  const { tutorId = '' } = useParams();
  const known = isId(tutorId);
  const tutor = useQuery({ ...tutorQuery(tutorId), enabled: known });
  const reviews = useQuery({ ...reviewsQuery(tutorId), enabled: known });
  const courses = useCourses();
  // The reviews and the catalog (which names the verified courses under the header) are asked for at the same time
  // as the tutor, and the page draws once all have answered: on a phone both sit above the booking form.
  if (!known) return <NotFound {...noSuchTutor} />;
  return (
    <QueryState query={drawnWith(tutor, reviews, courses)} loadingLabel="Loading the tutor…" missing={noSuchTutor}>
      {(t) => (
        <Row className="g-4">
          <Col lg={5}>
            <div className="d-flex gap-3 align-items-center mb-2">
              <Avatar name={t.displayName} photoUrl={t.photoUrl} size="lg" />
              <div style={{ minWidth: 0 }}>
                <h1 className="h3 mb-1 text-break">{t.displayName}</h1>
                <p className="lead mb-0">{t.headline}</p>
              </div>
            </div>
            <TutorFacts tutor={t} courses={courses.data} />
            {t.bio && (
              <p className="mt-3" style={{ whiteSpace: 'pre-line' }}>
                {t.bio}
              </p>
            )}
            <h2 className="h5 mt-3">Courses</h2>
            <ul>
              {t.courseIds.map((id) => (
                <li key={id}>{courseLabel(courses.data, id)}</li>
              ))}
            </ul>
            <p className="small text-secondary">
              Lives in {t.timezone.replaceAll('_', ' ')} · cancel free up to {t.cancellationWindowHours} h before
            </p>
            <TutorReviews tutor={t} reviews={reviews} />
          </Col>
          <Col lg={7}>
            {/* the booking form draws after the profile: beside it on a wide screen, below it (out of sight) on a phone */}
            <Later>
              <BookingPanel tutor={t} />
            </Later>
          </Col>
        </Row>
      )}
    </QueryState>
  );
}
