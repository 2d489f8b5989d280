// The fields of a group, for creating and editing it.
import { useCallback, useState } from 'react';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { TimeZoneSelect } from '../../../components/time-zone-select';
import { useAuth } from '../../../lib/auth';
import { useCourses } from '../../../lib/catalog';
import type { GroupFields } from '../api/groups';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function GroupForm({
  initial,
  submitLabel,
  busy,
  onSubmit,
}: {
  initial?: GroupFields;
  submitLabel: string;
  busy: boolean;
  onSubmit: (fields: GroupFields) => void;
}) {
  const { timeZone } = useAuth();
  const courses = useCourses();
  const [form, setForm] = useState({
    name: initial?.name ?? '',
    course: initial?.course ?? '',
    subject: initial?.subject ?? '',
    description: initial?.description ?? '',
    tags: initial?.tags.join(', ') ?? '',
    visibility: initial?.visibility ?? 'public',
    capacity: initial?.capacity ?? 8,
    meetingStyle: initial?.meetingStyle ?? 'online',
    location: initial?.location ?? '',
    meetingLink: initial?.meetingLink ?? '',
    weekly: initial?.schedule !== null && initial?.schedule !== undefined,
    weekday: initial?.schedule?.weekday ?? 1,
    start: initial?.schedule?.start ?? '18:00',
    durationMinutes: initial?.schedule?.durationMinutes ?? 60,
    timezone: initial?.schedule?.timezone ?? timeZone,
  });
  // stable, so the memoised zone picker is not re-rendered by typing elsewhere
  const setTimezone = useCallback((timezone: string) => setForm((f) => ({ ...f, timezone })), []);
  const text = (name: 'name' | 'course' | 'subject' | 'description' | 'tags' | 'location' | 'meetingLink' | 'start') => ({
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm({ ...form, [name]: e.target.value }),
  });
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          name: form.name,
          course: form.course,
          subject: form.subject,
          description: form.description,
          tags: form.tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
          visibility: form.visibility,
          capacity: form.capacity,
          meetingStyle: form.meetingStyle,
          location: form.location || null,
          meetingLink: form.meetingLink || null,
          schedule: form.weekly
            ? { weekday: form.weekday, start: form.start, durationMinutes: form.durationMinutes, timezone: form.timezone }
            : null,
        });
      }}
    >
      <Row className="g-2">
        <Col md={6}>
          <Form.Group className="mb-3" controlId="group-name">
            <Form.Label>Name</Form.Label>
            <Form.Control required maxLength={120} aria-describedby="group-name-count" {...text('name')} />
            {/* the field stops at 120 characters; the count says so rather than letting the text stop silently */}
            <Form.Text id="group-name-count" className={form.name.length >= 120 ? 'text-danger' : undefined}>
              {form.name.length}/120 characters
            </Form.Text>
          </Form.Group>
        </Col>
        <Col xs={6} md={3}>
          <Form.Group className="mb-3" controlId="group-course">
            <Form.Label>Course</Form.Label>
            {/* from the catalog, so groups and tutors of one course find each other; choosing it fills the subject */}
            <Form.Select
              required
              value={form.course}
              onChange={(e) => {
                const chosen = courses.data?.find((c) => c.code === e.target.value);
                setForm({ ...form, course: e.target.value, subject: chosen?.subject ?? form.subject });
              }}
            >
              <option value="">{courses.isPending ? 'Loading the catalog…' : 'Choose a course'}</option>
              {form.course && !courses.data?.some((c) => c.code === form.course) && <option value={form.course}>{form.course}</option>}
              {courses.data?.map((c) => (
                <option key={c.id} value={c.code}>
                  {c.code} — {c.title}
                </option>
              ))}
            </Form.Select>
          </Form.Group>
        </Col>
        <Col xs={6} md={3}>
          <Form.Group className="mb-3" controlId="group-subject">
            <Form.Label>Subject</Form.Label>
            <Form.Control required maxLength={80} {...text('subject')} />
          </Form.Group>
        </Col>
      </Row>
      <Form.Group className="mb-3" controlId="group-description">
        <Form.Label>Description</Form.Label>
        <Form.Control as="textarea" rows={3} maxLength={4000} {...text('description')} />
      </Form.Group>
      <Row className="g-2">
        <Col md={6}>
          <Form.Group className="mb-3" controlId="group-tags">
            <Form.Label>Tags (comma-separated)</Form.Label>
            <Form.Control {...text('tags')} placeholder="exam prep, weekly" />
          </Form.Group>
        </Col>
        <Col xs={6} md={3}>
          <Form.Group className="mb-3" controlId="group-visibility">
            <Form.Label>Who can join</Form.Label>
            <Form.Select
              value={form.visibility}
              onChange={(e) => setForm({ ...form, visibility: e.target.value as GroupFields['visibility'] })}
            >
              <option value="public">Anyone (public)</option>
              <option value="private">On request (private)</option>
              <option value="unlisted">With an invite link (unlisted)</option>
            </Form.Select>
          </Form.Group>
        </Col>
        <Col xs={6} md={3}>
          <Form.Group className="mb-3" controlId="group-capacity">
            <Form.Label>Places</Form.Label>
            <Form.Control
              type="number"
              min={1}
              max={500}
              required
              value={form.capacity}
              onChange={(e) => setForm({ ...form, capacity: Number(e.target.value) })}
            />
          </Form.Group>
        </Col>
      </Row>
      <Row className="g-2">
        <Col md={4}>
          <Form.Group className="mb-3" controlId="group-style">
            <Form.Label>Meets</Form.Label>
            <Form.Select
              value={form.meetingStyle}
              onChange={(e) => setForm({ ...form, meetingStyle: e.target.value as GroupFields['meetingStyle'] })}
            >
              <option value="online">Online</option>
              <option value="in_person">In person</option>
              <option value="hybrid">Hybrid</option>
            </Form.Select>
          </Form.Group>
        </Col>
        <Col md={4}>
          <Form.Group className="mb-3" controlId="group-location">
            <Form.Label>Place</Form.Label>
            <Form.Control maxLength={300} {...text('location')} />
          </Form.Group>
        </Col>
        <Col md={4}>
          <Form.Group className="mb-3" controlId="group-link">
            <Form.Label>Meeting link</Form.Label>
            <Form.Control type="url" {...text('meetingLink')} placeholder="https://…" />
          </Form.Group>
        </Col>
      </Row>
      <Form.Check
        className="mb-2"
        id="group-weekly"
        label="Meets every week"
        checked={form.weekly}
        onChange={(e) => setForm({ ...form, weekly: e.target.checked })}
      />
      {form.weekly && (
        <Row className="g-2">
          <Col xs={6} md={3}>
            <Form.Group className="mb-3" controlId="group-weekday">
              <Form.Label>Day</Form.Label>
              <Form.Select value={form.weekday} onChange={(e) => setForm({ ...form, weekday: Number(e.target.value) })}>
                {weekdays.map((d, i) => (
                  <option key={d} value={i + 1}>
                    {d}
                  </option>
                ))}
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group className="mb-3" controlId="group-start">
              <Form.Label>Starts</Form.Label>
              <Form.Control type="time" required {...text('start')} />
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group className="mb-3" controlId="group-duration">
              <Form.Label>Minutes</Form.Label>
              <Form.Control
                type="number"
                min={15}
                max={720}
                value={form.durationMinutes}
                onChange={(e) => setForm({ ...form, durationMinutes: Number(e.target.value) })}
              />
            </Form.Group>
          </Col>
          <Col xs={6} md={5}>
            <TimeZoneSelect id="group-timezone" value={form.timezone} onChange={setTimezone} />
          </Col>
        </Row>
      )}
      <Button type="submit" disabled={busy}>
        {submitLabel}
      </Button>
    </Form>
  );
}
