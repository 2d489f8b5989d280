// Find a tutor: course, subject or text, with filters; results show each tutor's next open slot in my zone.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { drawnWith, QueryState } from '../../../components/page-state';
import { formatDateTime } from '../../../lib/time';
import { useAuth } from '../../../lib/auth';
import { useCourses } from '../../../lib/catalog';
import { tutorSearchQuery } from '../api/tutors';
import { Avatar } from '../../../components/avatar';
import { NoTutorsFound } from './no-tutors-found';
import { TutorFacts } from './tutor-facts';

const filterNames = ['q', 'course', 'subject', 'language', 'mode', 'minRating', 'week', 'sort'] as const;

const emptyDraft = Object.fromEntries(filterNames.map((n) => [n, ''])) as Record<(typeof filterNames)[number], string>;

export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(
    () => Object.fromEntries(filterNames.map((n) => [n, params.get(n) ?? ''])) as Record<(typeof filterNames)[number], string>,
  );
  const { timeZone } = useAuth();
  const courses = useCourses();
  const results = useQuery(tutorSearchQuery(params));
  const subjects = [...new Set((courses.data ?? []).map((c) => c.subject))].sort();
  const set = (name: (typeof filterNames)[number]) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setDraft({
      ...draft,
      [name]: e.target instanceof HTMLInputElement && e.target.type === 'checkbox' ? (e.target.checked ? '1' : '') : e.target.value,
    });

  return (
    <>
      <h1 className="h3 mb-3">Find a tutor</h1>
      <Form
        role="search"
        className="mb-4"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)));
        }}
      >
        <Row className="g-2 align-items-end">
          <Col xs={12} md={4}>
            <Form.Group controlId="search-q">
              <Form.Label>Name, course or topic</Form.Label>
              <Form.Control value={draft.q} onChange={set('q')} placeholder="e.g. calculus" />
            </Form.Group>
          </Col>
          <Col xs={12} sm={6} md={4}>
            <Form.Group controlId="search-course">
              <Form.Label>Course</Form.Label>
              <Form.Select value={draft.course} onChange={set('course')}>
                <option value="">Any course</option>
                {(courses.data ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.code} — {c.title}
                  </option>
                ))}
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={12} sm={6} md={4}>
            <Form.Group controlId="search-subject">
              <Form.Label>Subject</Form.Label>
              <Form.Select value={draft.subject} onChange={set('subject')}>
                <option value="">Any subject</option>
                {subjects.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group controlId="search-rating">
              <Form.Label>Rating</Form.Label>
              <Form.Select value={draft.minRating} onChange={set('minRating')}>
                <option value="">Any</option>
                <option value="4">4+ stars</option>
                <option value="3">3+ stars</option>
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group controlId="search-mode">
              <Form.Label>Where</Form.Label>
              <Form.Select value={draft.mode} onChange={set('mode')}>
                <option value="">Any</option>
                <option value="online">Online</option>
                <option value="in_person">In person</option>
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group controlId="search-language">
              <Form.Label>Language</Form.Label>
              <Form.Select value={draft.language} onChange={set('language')}>
                <option value="">Any</option>
                {['en', 'es', 'fr', 'de', 'zh', 'hi', 'ar', 'pt'].map((l) => (
                  <option key={l} value={l}>
                    {new Intl.DisplayNames(['en'], { type: 'language' }).of(l)}
                  </option>
                ))}
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group controlId="search-sort">
              <Form.Label>Order</Form.Label>
              <Form.Select value={draft.sort} onChange={set('sort')}>
                <option value="">Best match</option>
                <option value="rating">Rating</option>
                <option value="next-slot">Soonest slot</option>
              </Form.Select>
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Check id="search-week" label="Free this week" checked={draft.week === '1'} onChange={set('week')} className="mb-2" />
          </Col>
          <Col xs={6} md={2}>
            <Button type="submit" className="w-100">
              Search
            </Button>
          </Col>
        </Row>
      </Form>
      {/* the catalog, asked for at the same time, names the cards' verified courses */}
      <QueryState query={drawnWith(results, courses)} loadingLabel="Searching tutors…">
        {({ tutors }) =>
          tutors.length === 0 ? (
            <NoTutorsFound
              filters={Object.fromEntries([...params.entries()].filter(([name]) => (filterNames as readonly string[]).includes(name)))}
              courses={courses.data}
              onSearch={(next) => {
                setDraft({ ...emptyDraft, ...next });
                setParams(next);
              }}
            />
          ) : (
            <Row xs={1} md={2} lg={3} className="g-3" as="ul" aria-label="Tutors" style={{ listStyle: 'none', paddingLeft: 0 }}>
              {tutors.map((t) => (
                <Col as="li" key={t.id}>
                  <Card className="h-100">
                    <Card.Body>
                      <div className="d-flex gap-2 align-items-start">
                        <Avatar name={t.displayName} photoUrl={t.photoUrl} />
                        <div style={{ minWidth: 0 }}>
                          <h2 className="h5 card-title mb-1">
                            <Link to={`/tutors/${t.id}`} className="name-cut" title={t.displayName}>
                              {t.displayName}
                            </Link>
                          </h2>
                          <Card.Subtitle className="mb-2 text-secondary">{t.headline}</Card.Subtitle>
                        </div>
                      </div>
                      <TutorFacts tutor={t} courses={courses.data} />
                      <div className="my-2">
                        {t.modes.map((m) => (
                          <Badge key={m} bg="light" text="dark" className="me-1 border">
                            {m === 'online' ? 'Online' : 'In person'}
                          </Badge>
                        ))}
                      </div>
                      <p className="mb-0 small">
                        Next open slot:{' '}
                        {t.nextOpenSlot ? (
                          <strong>{formatDateTime(t.nextOpenSlot.start, timeZone)}</strong>
                        ) : (
                          <span className="text-secondary">none soon</span>
                        )}
                      </p>
                    </Card.Body>
                  </Card>
                </Col>
              ))}
            </Row>
          )
        }
      </QueryState>
    </>
  );
}
