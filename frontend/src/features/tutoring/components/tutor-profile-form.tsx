// Becoming a tutor, or changing what I offer. New courses wait for an admin's approval.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToasts } from '../../../components/toasts';
import { errorMessage } from '../../../lib/api-client';
import { useCourses } from '../../../lib/catalog';
import { saveTutorProfile, type OwnTutorProfile } from '../api/tutor-profile';

const lengths = [15, 30, 45, 60, 90, 120] as const;
type Length = (typeof lengths)[number];

export function TutorProfileForm({ profile }: { profile: OwnTutorProfile | null }) {
  const courses = useCourses();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    headline: profile?.headline ?? '',
    bio: profile?.bio ?? '',
    languages: profile?.languages.join(', ') ?? 'en',
    courseIds: profile?.courses.map((c) => c.courseId) ?? [],
    meetingLink: profile?.meetingLink ?? '',
    location: profile?.location ?? '',
    // the API only ever stores one of the offered lengths
    sessionLengths: (profile?.sessionLengths ?? [60]) as Length[],
    autoAccept: profile?.autoAccept ?? true,
    maxGroupSize: profile?.maxGroupSize ?? 1,
    cancellationWindowHours: profile?.cancellationWindowHours ?? 24,
  });
  const save = useMutation({
    mutationFn: () =>
      saveTutorProfile({
        headline: form.headline,
        bio: form.bio,
        languages: form.languages
          .split(',')
          .map((l) => l.trim().toLowerCase())
          .filter(Boolean),
        courseIds: form.courseIds,
        online: form.meetingLink ? { meetingLink: form.meetingLink } : null,
        inPerson: form.location ? { location: form.location } : null,
        sessionLengths: form.sessionLengths,
        hourlyRateCents: 0,
        autoAccept: form.autoAccept,
        maxGroupSize: form.maxGroupSize,
        cancellationWindowHours: form.cancellationWindowHours,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['my-tutor-profile'], saved);
      toasts.success(profile ? 'Tutor profile saved' : 'You are a tutor now: set your weekly hours next');
    },
  });
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const status = (id: string) => profile?.courses.find((c) => c.courseId === id)?.status;
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {save.error && <Alert variant="danger">{errorMessage(save.error)}</Alert>}
      <Form.Group className="mb-3" controlId="tutor-headline">
        <Form.Label>Headline</Form.Label>
        <Form.Control
          required
          maxLength={120}
          value={form.headline}
          onChange={(e) => setForm({ ...form, headline: e.target.value })}
          placeholder="e.g. Calculus I, explained patiently"
        />
      </Form.Group>
      <Form.Group className="mb-3" controlId="tutor-bio">
        <Form.Label>About your tutoring</Form.Label>
        <Form.Control
          as="textarea"
          rows={3}
          maxLength={4000}
          value={form.bio}
          onChange={(e) => setForm({ ...form, bio: e.target.value })}
        />
      </Form.Group>
      <fieldset className="mb-3">
        <legend className="fs-6">Courses you tutor (an admin approves each)</legend>
        <div style={{ maxHeight: '12rem', overflowY: 'auto' }} className="border rounded p-2">
          {(courses.data ?? []).map((c) => (
            <Form.Check
              key={c.id}
              id={`tutor-course-${c.id}`}
              label={`${c.code} — ${c.title}${status(c.id) ? ` (${status(c.id)})` : ''}`}
              checked={form.courseIds.includes(c.id)}
              onChange={() => setForm({ ...form, courseIds: toggle(form.courseIds, c.id) })}
            />
          ))}
        </div>
      </fieldset>
      <Row className="g-2">
        <Col md={6}>
          <Form.Group className="mb-3" controlId="tutor-link">
            <Form.Label>Online meeting link</Form.Label>
            <Form.Control
              type="url"
              value={form.meetingLink}
              onChange={(e) => setForm({ ...form, meetingLink: e.target.value })}
              placeholder="https://…"
            />
          </Form.Group>
        </Col>
        <Col md={6}>
          <Form.Group className="mb-3" controlId="tutor-location">
            <Form.Label>In-person place</Form.Label>
            <Form.Control
              maxLength={200}
              value={form.location}
              onChange={(e) => setForm({ ...form, location: e.target.value })}
              placeholder="e.g. Library, room 2"
            />
          </Form.Group>
        </Col>
      </Row>
      <Form.Group className="mb-3" controlId="tutor-languages">
        <Form.Label>Languages (codes, comma-separated)</Form.Label>
        <Form.Control value={form.languages} onChange={(e) => setForm({ ...form, languages: e.target.value })} />
      </Form.Group>
      <fieldset className="mb-3">
        <legend className="fs-6">Session lengths</legend>
        {lengths.map((l) => (
          <Form.Check
            inline
            key={l}
            id={`tutor-length-${l}`}
            label={`${l} min`}
            checked={form.sessionLengths.includes(l)}
            onChange={() => setForm({ ...form, sessionLengths: toggle(form.sessionLengths, l) })}
          />
        ))}
      </fieldset>
      <Row className="g-2">
        <Col sm={6}>
          <Form.Group className="mb-3" controlId="tutor-group-size">
            <Form.Label>Largest group you take</Form.Label>
            <Form.Control
              type="number"
              min={1}
              max={50}
              value={form.maxGroupSize}
              onChange={(e) => setForm({ ...form, maxGroupSize: Number(e.target.value) })}
            />
          </Form.Group>
        </Col>
        <Col sm={6}>
          <Form.Group className="mb-3" controlId="tutor-window">
            <Form.Label>Free cancellation until (hours before)</Form.Label>
            <Form.Control
              type="number"
              min={0}
              max={168}
              value={form.cancellationWindowHours}
              onChange={(e) => setForm({ ...form, cancellationWindowHours: Number(e.target.value) })}
            />
          </Form.Group>
        </Col>
      </Row>
      <Form.Check
        className="mb-3"
        id="tutor-auto-accept"
        label="Accept bookings automatically"
        checked={form.autoAccept}
        onChange={(e) => setForm({ ...form, autoAccept: e.target.checked })}
      />
      <Button type="submit" disabled={save.isPending}>
        {profile ? 'Save profile' : 'Become a tutor'}
      </Button>
    </Form>
  );
}
