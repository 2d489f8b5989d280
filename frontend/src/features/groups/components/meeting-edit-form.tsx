// An organizer changes one meeting: a weekly one alone, or a tutor session's title and agenda (its time follows
// the booking).
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { DateTime } from 'luxon';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { editMeeting, type Group, type Meeting } from '../api/groups';
import { fromLocalInput, localInput } from './next-meeting';

export function MeetingEditForm({ group, meeting, onDone }: { group: Group; meeting: Meeting; onDone: () => void }) {
  const { timeZone } = useAuth();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(meeting.title);
  const [agenda, setAgenda] = useState(meeting.agenda);
  const [starts, setStarts] = useState(localInput(DateTime.fromISO(meeting.startsAt), timeZone));
  const [minutes, setMinutes] = useState(Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000));
  const save = useMutation({
    mutationFn: () => {
      if (meeting.tutor) return editMeeting(group.id, meeting.id, { title, agenda });
      const start = fromLocalInput(starts, timeZone);
      return editMeeting(group.id, meeting.id, {
        title,
        agenda,
        startsAt: start.toISO()!,
        endsAt: start.plus({ minutes }).toISO()!,
      });
    },
    onSuccess: () => {
      toasts.success('Meeting changed');
      void queryClient.invalidateQueries({ queryKey: ['group', group.id] });
      onDone();
    },
    onError: (e) => toasts.failure(e, 'Not changed'),
  });
  const id = (name: string) => `edit-${meeting.id}-${name}`;
  return (
    <Form
      className="mt-3"
      aria-label={`Change ${meeting.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Row className="g-2">
        <Col md={6}>
          <Form.Group controlId={id('title')}>
            <Form.Label>Title</Form.Label>
            <Form.Control required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
          </Form.Group>
        </Col>
        {!meeting.tutor && (
          <>
            <Col xs={7} md={4}>
              <Form.Group controlId={id('starts')}>
                <Form.Label>Starts ({timeZone.replaceAll('_', ' ')})</Form.Label>
                <Form.Control type="datetime-local" required value={starts} onChange={(e) => setStarts(e.target.value)} />
              </Form.Group>
            </Col>
            <Col xs={5} md={2}>
              <Form.Group controlId={id('minutes')}>
                <Form.Label>Minutes</Form.Label>
                <Form.Control
                  type="number"
                  min={15}
                  max={720}
                  required
                  value={minutes}
                  onChange={(e) => setMinutes(Number(e.target.value))}
                />
              </Form.Group>
            </Col>
          </>
        )}
        <Col xs={12}>
          <Form.Group controlId={id('agenda')}>
            <Form.Label>Agenda</Form.Label>
            <Form.Control as="textarea" rows={2} maxLength={4000} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
          </Form.Group>
        </Col>
      </Row>
      <div className="d-flex gap-2 mt-2">
        <Button type="submit" size="sm" disabled={save.isPending}>
          Save changes
        </Button>
        <Button size="sm" variant="outline-secondary" onClick={onDone}>
          Keep as it was
        </Button>
      </div>
    </Form>
  );
}
