// One booking, from either side, with what that side may do now.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Form from 'react-bootstrap/Form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LazySlotPicker } from '../../../components/lazy-slot-picker';
import type { Slot } from '../../../components/tutor-slots';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/time';
import { actOnBooking, rescheduleBooking, reviewBooking, writeNotes, type Booking, type BookingAction } from '../api/bookings';
import { AddToCalendar } from './add-to-calendar';
import { BookingPlace } from './booking-place';
import { statusText, statusVariant } from './booking-status';

export function BookingCard({
  booking,
  otherName,
  courseName,
  askForReview = false,
}: {
  booking: Booking;
  otherName: string;
  courseName: string;
  /** Opens with the review form: the card is a prompt to rate the session. */
  askForReview?: boolean;
}) {
  const { user, timeZone } = useAuth();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [panel, setPanel] = useState<'none' | 'cancel' | 'reschedule' | 'review' | 'notes'>(askForReview ? 'review' : 'none');
  const [reason, setReason] = useState('');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  const [notes, setNotes] = useState(booking.tutorNotes);
  const asTutor = booking.tutorId === user?.id;
  const started = new Date(booking.start).getTime() <= Date.now();
  const live = booking.status === 'pending' || booking.status === 'confirmed';
  const done = (message: string) => () => {
    toasts.success(message);
    setPanel('none');
    void queryClient.invalidateQueries({ queryKey: ['bookings'] });
  };
  const act = useMutation({
    mutationFn: ({ action, why }: { action: BookingAction; why?: string }) => actOnBooking(booking.id, action, why),
    onSuccess: (b) => done(`Session ${statusText[b.status].toLowerCase()}`)(),
    onError: (e) => toasts.failure(e, 'Not changed'),
  });
  const move = useMutation({
    mutationFn: () => rescheduleBooking(booking.id, slot!.start),
    onSuccess: done('Rescheduled'),
    onError: (e) => toasts.failure(e, 'Not moved'),
  });
  const review = useMutation({
    mutationFn: () => reviewBooking(booking.id, { rating, text }),
    onSuccess: done('Thanks for your review'),
    onError: (e) => toasts.failure(e, 'Not saved'),
  });
  const saveNotes = useMutation({
    mutationFn: () => writeNotes(booking.id, notes),
    onSuccess: done('Notes saved'),
    onError: (e) => toasts.failure(e, 'Not saved'),
  });

  return (
    <Card as="article" className="mb-3" aria-label={`${courseName} ${asTutor ? 'for' : 'with'} ${otherName}`}>
      <Card.Body>
        <div className="d-flex justify-content-between flex-wrap gap-2">
          <div>
            <h3 className="h6 mb-1">
              {courseName} {asTutor ? 'for' : 'with'} {otherName}
              {booking.seats > 1 && ` (group of ${booking.seats})`}
            </h3>
            <p className="mb-1">
              {formatDateTime(booking.start, timeZone)} · {booking.lengthMinutes} min · {booking.mode === 'online' ? 'online' : 'in person'}
            </p>
          </div>
          <div>
            <Badge bg={statusVariant[booking.status]} text={booking.status === 'pending' ? 'dark' : undefined}>
              {statusText[booking.status]}
            </Badge>
          </div>
        </div>
        <BookingPlace booking={booking} />
        {booking.message && <p className="small mb-1">Message: {booking.message}</p>}
        {booking.cancelReason && <p className="small mb-1">Reason: {booking.cancelReason}</p>}
        {booking.tutorNotes && !asTutor && <p className="small mb-1">Tutor’s notes: {booking.tutorNotes}</p>}
        <div className="d-flex flex-wrap gap-2 mt-2">
          {asTutor && booking.status === 'pending' && (
            <>
              <Button size="sm" onClick={() => act.mutate({ action: 'confirm' })} disabled={act.isPending}>
                Confirm
              </Button>
              <Button size="sm" variant="outline-secondary" onClick={() => act.mutate({ action: 'decline' })} disabled={act.isPending}>
                Decline
              </Button>
            </>
          )}
          {asTutor && started && booking.status === 'confirmed' && (
            <>
              <Button size="sm" onClick={() => act.mutate({ action: 'complete' })}>
                Mark completed
              </Button>
              <Button size="sm" variant="outline-danger" onClick={() => act.mutate({ action: 'no-show' })}>
                Mark no-show
              </Button>
            </>
          )}
          {live && !started && (
            <Button size="sm" variant="outline-danger" onClick={() => setPanel(panel === 'cancel' ? 'none' : 'cancel')}>
              Cancel…
            </Button>
          )}
          {live && !started && !asTutor && (
            <Button size="sm" variant="outline-primary" onClick={() => setPanel(panel === 'reschedule' ? 'none' : 'reschedule')}>
              Reschedule…
            </Button>
          )}
          {!asTutor && booking.status === 'completed' && (
            <Button size="sm" variant="outline-primary" onClick={() => setPanel(panel === 'review' ? 'none' : 'review')}>
              Review…
            </Button>
          )}
          {asTutor && (booking.status === 'confirmed' || booking.status === 'completed') && (
            <Button size="sm" variant="outline-secondary" onClick={() => setPanel(panel === 'notes' ? 'none' : 'notes')}>
              Session notes…
            </Button>
          )}
        </div>
        {live && (
          <div className="mt-2">
            <AddToCalendar booking={booking} title={`${courseName} ${asTutor ? 'for' : 'with'} ${otherName}`} />
          </div>
        )}
        {panel === 'cancel' && (
          <Form
            className="mt-3"
            onSubmit={(e) => {
              e.preventDefault();
              act.mutate({ action: 'cancel', why: reason || undefined });
            }}
          >
            <Form.Group className="mb-2" controlId={`reason-${booking.id}`}>
              <Form.Label>Reason {asTutor ? '(required, the student sees it)' : '(optional)'}</Form.Label>
              <Form.Control value={reason} required={asTutor} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </Form.Group>
            <Button type="submit" size="sm" variant="danger" disabled={act.isPending}>
              Cancel the session
            </Button>
          </Form>
        )}
        {panel === 'reschedule' && (
          <div className="mt-3">
            <LazySlotPicker
              tutorId={booking.tutorId}
              courseId={booking.courseId}
              length={booking.lengthMinutes}
              timeZone={timeZone}
              selected={slot}
              onSelect={setSlot}
            />
            <Button size="sm" disabled={!slot || move.isPending} onClick={() => move.mutate()}>
              Move to this slot
            </Button>
          </div>
        )}
        {panel === 'review' && (
          <Form
            className="mt-3"
            onSubmit={(e) => {
              e.preventDefault();
              review.mutate();
            }}
          >
            <Form.Group className="mb-2" controlId={`rating-${booking.id}`}>
              <Form.Label>Rating</Form.Label>
              <Form.Select value={rating} onChange={(e) => setRating(Number(e.target.value))}>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {n} {n === 1 ? 'star' : 'stars'}
                  </option>
                ))}
              </Form.Select>
            </Form.Group>
            <Form.Group className="mb-2" controlId={`review-${booking.id}`}>
              <Form.Label>What was it like?</Form.Label>
              <Form.Control as="textarea" rows={2} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
            </Form.Group>
            <Button type="submit" size="sm" disabled={review.isPending}>
              Post review
            </Button>
          </Form>
        )}
        {panel === 'notes' && (
          <Form
            className="mt-3"
            onSubmit={(e) => {
              e.preventDefault();
              saveNotes.mutate();
            }}
          >
            <Form.Group className="mb-2" controlId={`notes-${booking.id}`}>
              <Form.Label>Notes the student can read</Form.Label>
              <Form.Control as="textarea" rows={3} maxLength={10000} value={notes} onChange={(e) => setNotes(e.target.value)} />
            </Form.Group>
            <Button type="submit" size="sm" disabled={saveNotes.isPending}>
              Save notes
            </Button>
          </Form>
        )}
      </Card.Body>
    </Card>
  );
}
