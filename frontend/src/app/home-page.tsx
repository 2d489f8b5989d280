import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../lib/auth';
import { SignedInHome, VisitorHome } from './home-upcoming';

export default function HomePage() {
  const navigate = useNavigate();
  const { user, ready } = useAuth();
  const [q, setQ] = useState('');
  return (
    <>
      <section className="py-4 py-md-5">
        <h1 className="display-6 fw-semibold">Learn with the students who just aced it</h1>
        <p className="lead">Find a peer tutor for your course, book a slot in your own time zone, or study together in a group.</p>
        <Form
          role="search"
          className="d-flex gap-2 flex-wrap"
          style={{ maxWidth: 560 }}
          onSubmit={(e) => {
            e.preventDefault();
            void navigate(`/tutors${q ? `?q=${encodeURIComponent(q)}` : ''}`);
          }}
        >
          <Form.Label htmlFor="home-search" visuallyHidden>
            Search tutors by course, subject or name
          </Form.Label>
          <Form.Control
            id="home-search"
            placeholder="Course, subject or name"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="flex-grow-1 w-auto"
          />
          <Button type="submit">Find a tutor</Button>
        </Form>
      </section>
      {/* What comes from the API comes last, so that nothing moves down under the reader when it arrives. A member
          sees their coming things; a visitor, what they can do here and then what is popular. The page waits for the
          silent sign-in, so a returning member is not shown the visitors' page first. */}
      {ready &&
        (user ? (
          <SignedInHome />
        ) : (
          <>
            <Row as="section" className="g-4 mb-4" aria-label="What you can do">
              <Col md={4}>
                <h2 className="h5">Book peer tutors</h2>
                <p>Tutors are students who passed the course. Their open slots appear in your time zone, with theirs alongside.</p>
                <Link to="/tutors">Browse tutors</Link>
              </Col>
              <Col md={4}>
                <h2 className="h5">Join study groups</h2>
                <p>Meet weekly with classmates, RSVP to sessions and keep the discussion going between them.</p>
                <Link to="/groups">Browse groups</Link>
              </Col>
              <Col md={4}>
                <h2 className="h5">Tutor yourself</h2>
                <p>Set your weekly hours and rules; students book what is open, and you confirm.</p>
                <Link to="/tutoring">Become a tutor</Link>
              </Col>
            </Row>
            <VisitorHome />
          </>
        ))}
    </>
  );
}
