// A group's meetings: answers with the meeting's waitlist, .ics files, and (for organizers) scheduling,
// booking a tutor for the group, and cancelling.
import { useMemo, useState } from 'react';
import { DateTime } from 'luxon';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import ButtonGroup from 'react-bootstrap/ButtonGroup';
import Card from 'react-bootstrap/Card';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, QueryState } from '../../../components/page-state';
import { LazySlotPicker } from '../../../components/lazy-slot-picker';
import type { Slot } from '../../../components/tutor-slots';
import { ConfirmAction } from '../../../components/confirm-action';
import { useToasts } from '../../../components/toasts';
import { downloadFile } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { formatDateTime, formatTime } from '../../../lib/time';
import { BestTutorTimes } from './best-tutor-times';
import { MeetingEditForm } from './meeting-edit-form';
import { fromLocalInput, localInput, nextOccurrence } from './next-meeting';
import {
  answerMeeting,
  bookTutorSession,
  cancelMeeting,
  findAMeetingTime,
  findTutors,
  getMeeting,
  listMeetings,
  meetingIcsPath,
  scheduleMeeting,
  type Group,
  type Meeting,
  type RsvpStatus,
} from '../api/groups';

const answers: Array<[Exclude<RsvpStatus, 'waitlisted'>, string]> = [
  ['going', 'Going'],
  ['maybe', 'Maybe'],
  ['not_going', 'Not going'],
];

function MeetingCard({ group, meeting }: { group: Group; meeting: Meeting }) {
  const { user, timeZone } = useAuth();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: ['group', group.id, 'meeting', meeting.id], queryFn: () => getMeeting(group.id, meeting.id) });
  const mine = detail.data?.rsvps.find((r) => r.userId === user?.id);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
  const answer = useMutation({
    mutationFn: (status: Exclude<RsvpStatus, 'waitlisted'>) => answerMeeting(group.id, meeting.id, status),
    onSuccess: (r) => {
      toasts.success(r.status === 'waitlisted' ? `The meeting is full: you are number ${r.position} on its waitlist` : 'Answer saved');
      refresh();
    },
    onError: (e) => toasts.failure(e, 'Not saved'),
  });
  const cancel = useMutation({
    mutationFn: () => cancelMeeting(group.id, meeting.id),
    onSuccess: () => {
      toasts.success('Meeting cancelled');
      refresh();
    },
    onError: (e) => toasts.failure(e, 'Not cancelled'),
  });
  const manager = group.viewer?.role === 'owner' || group.viewer?.role === 'moderator';
  const [editing, setEditing] = useState(false);
  const going = detail.data?.rsvps.filter((r) => r.status === 'going').length ?? meeting.goingCount;
  return (
    <Card as="article" className="mb-3" aria-label={meeting.title}>
      <Card.Body>
        <div className="d-flex justify-content-between flex-wrap gap-2">
          <h3 className="h6 mb-1">
            {meeting.title} {meeting.status === 'cancelled' && <Badge bg="secondary">Cancelled</Badge>}
          </h3>
          <span className="small">
            {going} going{meeting.capacity ? ` of ${meeting.capacity}` : ''}
          </span>
        </div>
        <p className="mb-1">
          {formatDateTime(meeting.startsAt, timeZone)}–{formatTime(meeting.endsAt, timeZone)}
          {meeting.timezone !== timeZone && (
            <span className="small text-secondary">
              {' '}
              ({formatTime(meeting.startsAt, meeting.timezone)} in {meeting.timezone.replaceAll('_', ' ')})
            </span>
          )}
        </p>
        {meeting.tutor && <p className="mb-1">With tutor {meeting.tutor.tutorName}</p>}
        {meeting.agenda && <p className="small mb-1">{meeting.agenda}</p>}
        {meeting.cancelReason && <p className="small mb-1">Reason: {meeting.cancelReason}</p>}
        {meeting.status === 'scheduled' && (
          <div className="d-flex flex-wrap gap-2 mt-2">
            {group.viewer?.role && (
              <ButtonGroup size="sm" aria-label="Your answer">
                {answers.map(([status, label]) => (
                  <Button
                    key={status}
                    variant={
                      mine?.status === status || (status === 'going' && mine?.status === 'waitlisted') ? 'primary' : 'outline-primary'
                    }
                    aria-pressed={mine?.status === status}
                    onClick={() => answer.mutate(status)}
                    disabled={answer.isPending}
                  >
                    {label}
                  </Button>
                ))}
              </ButtonGroup>
            )}
            {mine?.status === 'waitlisted' && (
              <span className="small align-self-center">You are number {mine.position} on the waitlist</span>
            )}
            <Button
              size="sm"
              variant="outline-secondary"
              onClick={() =>
                void downloadFile(meetingIcsPath(group.id, meeting.id), `meeting-${meeting.id}.ics`).catch((e: unknown) =>
                  toasts.failure(e),
                )
              }
            >
              Add to calendar (.ics)
            </Button>
            {manager && (
              <Button size="sm" variant="outline-secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
                Change…
              </Button>
            )}
            {manager && (!meeting.tutor || meeting.tutor.organizerId === user?.id) && (
              <ConfirmAction
                size="sm"
                label="Cancel meeting"
                title={`Cancel ${meeting.title}?`}
                confirmLabel="Cancel the meeting"
                onConfirm={() => cancel.mutate()}
              >
                {meeting.tutor ? 'The session with the tutor is cancelled too. ' : ''}Everyone who answered sees it as cancelled.
              </ConfirmAction>
            )}
          </div>
        )}
        {editing && meeting.status === 'scheduled' && <MeetingEditForm group={group} meeting={meeting} onDone={() => setEditing(false)} />}
      </Card.Body>
    </Card>
  );
}

function ScheduleForm({ group }: { group: Group }) {
  const { timeZone } = useAuth();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  // the group's next meeting by its weekly schedule, else tomorrow at this hour; kept as an instant and shown as
  // the viewer's clock reads, so it stays right when their zone is known only after the form appears
  const [form, setForm] = useState(() => ({
    title: '',
    start: group.schedule ? nextOccurrence(group.schedule) : DateTime.now().plus({ days: 1 }).startOf('hour'),
    minutes: group.schedule?.durationMinutes ?? 60,
    agenda: '',
    capacity: '',
  }));
  const schedule = useMutation({
    mutationFn: () => {
      const startsAt = form.start.toJSDate();
      return scheduleMeeting(group.id, {
        title: form.title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + form.minutes * 60_000).toISOString(),
        timezone: timeZone,
        agenda: form.agenda,
        capacity: form.capacity ? Number(form.capacity) : null,
      });
    },
    onSuccess: () => {
      toasts.success('Meeting scheduled');
      setForm({ ...form, title: '', agenda: '' });
      void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
    },
    onError: (e) => toasts.failure(e, 'Not scheduled'),
  });
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        schedule.mutate();
      }}
    >
      <Row className="g-2">
        <Col md={4}>
          <Form.Group controlId="meeting-title">
            <Form.Label>Title</Form.Label>
            <Form.Control required maxLength={120} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
          </Form.Group>
        </Col>
        <Col md={3}>
          <Form.Group controlId="meeting-start">
            <Form.Label>Starts ({timeZone.replaceAll('_', ' ')})</Form.Label>
            <Form.Control
              type="datetime-local"
              required
              value={localInput(form.start, timeZone)}
              onChange={(e) => e.target.value && setForm({ ...form, start: fromLocalInput(e.target.value, timeZone) })}
            />
          </Form.Group>
        </Col>
        <Col xs={6} md={2}>
          <Form.Group controlId="meeting-minutes">
            <Form.Label>Minutes</Form.Label>
            <Form.Control
              type="number"
              min={15}
              max={720}
              value={form.minutes}
              onChange={(e) => setForm({ ...form, minutes: Number(e.target.value) })}
            />
          </Form.Group>
        </Col>
        <Col xs={6} md={3}>
          <Form.Group controlId="meeting-capacity">
            <Form.Label>Places (optional)</Form.Label>
            <Form.Control
              type="number"
              min={1}
              max={500}
              value={form.capacity}
              onChange={(e) => setForm({ ...form, capacity: e.target.value })}
            />
          </Form.Group>
        </Col>
      </Row>
      <Form.Group className="my-2" controlId="meeting-agenda">
        <Form.Label>Agenda</Form.Label>
        <Form.Control
          as="textarea"
          rows={2}
          maxLength={4000}
          value={form.agenda}
          onChange={(e) => setForm({ ...form, agenda: e.target.value })}
        />
      </Form.Group>
      <Button type="submit" disabled={schedule.isPending}>
        Schedule meeting
      </Button>
    </Form>
  );
}

function BookTutorForm({ group }: { group: Group }) {
  const { timeZone } = useAuth();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [tutorId, setTutorId] = useState('');
  const [courseId, setCourseId] = useState('');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const tutors = useQuery({ queryKey: ['tutor-pick', search], queryFn: () => findTutors(search), enabled: search.length > 0 });
  const tutor = tutors.data?.find((t) => t.id === tutorId);
  // the tutor's open times meet the group's free time: each says how many members are free for all of it
  const overlap = useQuery({
    queryKey: ['group', group.id, 'free-time', 'overlap', timeZone],
    queryFn: () => findAMeetingTime(group.id, timeZone, 60),
    enabled: Boolean(tutor),
  });
  // built once per answer, not once per time shown
  const free = useMemo(
    () => new Map((overlap.data?.days ?? []).flatMap((d) => d.cells).map((c) => [Date.parse(c.start), c.free])),
    [overlap.data],
  );
  /** Members free for all of the slot, or undefined when nobody answered or the slot is outside the week. */
  const membersFree = (slot: Slot) => {
    if (!overlap.data?.answered) return undefined;
    let least = Infinity;
    for (let at = Date.parse(slot.start); at < Date.parse(slot.end); at += 30 * 60_000) {
      if (!free.has(at)) return undefined;
      least = Math.min(least, free.get(at)!);
    }
    return least;
  };
  const cells = (overlap.data?.days ?? []).flatMap((d) => d.cells);
  const week = cells.length > 0 && { from: cells[0]!.start, to: new Date(Date.parse(cells.at(-1)!.start) + 30 * 60_000).toISOString() };
  const length = tutor ? (tutor.sessionLengths.includes(60) ? 60 : tutor.sessionLengths[0]!) : 60;
  const book = useMutation({
    mutationFn: () =>
      bookTutorSession(
        group.id,
        {
          tutorId,
          courseId,
          start: slot!.start,
          length,
          timezone: timeZone,
          title: `Session with ${tutor!.displayName}`,
        },
        key,
      ),
    onSuccess: () => {
      toasts.success('Tutor booked for the group');
      setSlot(null);
      void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
    },
    onError: (e) => toasts.failure(e, 'Not booked'),
  });
  return (
    <div>
      <Form
        className="d-flex gap-2 mb-2"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q);
        }}
      >
        <Form.Label htmlFor="tutor-pick" visuallyHidden>
          Find a tutor
        </Form.Label>
        <Form.Control id="tutor-pick" placeholder="Tutor name or topic" value={q} onChange={(e) => setQ(e.target.value)} />
        <Button type="submit" variant="outline-primary">
          Find
        </Button>
      </Form>
      {tutors.data && (
        <Form.Group className="mb-2" controlId="tutor-choice">
          <Form.Label>Tutor</Form.Label>
          <Form.Select
            value={tutorId}
            onChange={(e) => {
              setTutorId(e.target.value);
              setCourseId(tutors.data.find((t) => t.id === e.target.value)?.courseIds[0] ?? '');
              setSlot(null);
            }}
          >
            <option value="">Choose…</option>
            {tutors.data.map((t) => (
              <option key={t.id} value={t.id}>
                {t.displayName} — {t.headline} (groups up to {t.maxGroupSize})
              </option>
            ))}
          </Form.Select>
        </Form.Group>
      )}
      {tutor && courseId && (
        <>
          {week && overlap.data && overlap.data.answered > 0 && (
            <BestTutorTimes
              tutorId={tutor.id}
              courseId={courseId}
              length={length}
              window={week}
              timeZone={timeZone}
              members={overlap.data.answered}
              membersFree={membersFree}
              selected={slot}
              onSelect={setSlot}
            />
          )}
          <LazySlotPicker
            tutorId={tutor.id}
            courseId={courseId}
            length={length}
            timeZone={timeZone}
            selected={slot}
            onSelect={setSlot}
            note={(s) => {
              const count = membersFree(s);
              return count === undefined ? undefined : `${count} of ${overlap.data!.answered} members free`;
            }}
          />
          <Button disabled={!slot || book.isPending} onClick={() => book.mutate()}>
            Book for {group.memberCount + 1} people
          </Button>
        </>
      )}
    </div>
  );
}

export function MeetingsPanel({ group }: { group: Group }) {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const meetings = useQuery({ queryKey: ['group', group.id, 'meetings', when], queryFn: () => listMeetings(group.id, when) });
  const manager = group.viewer?.role === 'owner' || group.viewer?.role === 'moderator';
  return (
    <>
      <ButtonGroup size="sm" className="mb-3" aria-label="Which meetings">
        <Button
          variant={when === 'upcoming' ? 'secondary' : 'outline-secondary'}
          aria-pressed={when === 'upcoming'}
          onClick={() => setWhen('upcoming')}
        >
          Upcoming
        </Button>
        <Button
          variant={when === 'past' ? 'secondary' : 'outline-secondary'}
          aria-pressed={when === 'past'}
          onClick={() => setWhen('past')}
        >
          Past
        </Button>
      </ButtonGroup>
      <QueryState query={meetings} loadingLabel="Loading meetings…">
        {(list) =>
          list.length === 0 ? <Empty>No {when} meetings.</Empty> : list.map((m) => <MeetingCard key={m.id} group={group} meeting={m} />)
        }
      </QueryState>
      {manager && group.status === 'active' && (
        <Row className="g-4 mt-2">
          <Col lg={6}>
            <h2 className="h5">Schedule a meeting</h2>
            <ScheduleForm group={group} />
          </Col>
          <Col lg={6}>
            <h2 className="h5">Book a tutor for the group</h2>
            <BookTutorForm group={group} />
          </Col>
        </Row>
      )}
    </>
  );
}
