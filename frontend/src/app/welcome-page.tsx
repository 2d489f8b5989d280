// The first page after sign-up: a next step to choose, instead of the marketing page the person just left.
import { useEffect, useRef } from 'react';
import Card from 'react-bootstrap/Card';
import Col from 'react-bootstrap/Col';
import Row from 'react-bootstrap/Row';
import { Link } from 'react-router';
import { useAuth } from '../lib/auth';

const steps = [
  { to: '/tutors', title: 'Get help with a course', text: 'Find a peer who aced it and book a slot in your own time zone.' },
  { to: '/groups', title: 'Study with others', text: 'Join a study group for your course, or start one.' },
  { to: '/tutoring', title: 'Tutor a course you know', text: 'Any student can tutor: set up a profile and your weekly hours.' },
];

export default function WelcomePage() {
  const { user, timeZone } = useAuth();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="my-4">
      <h1 className="h3" ref={heading} tabIndex={-1}>
        Welcome{user ? `, ${user.displayName}` : ''}
      </h1>
      {user && !user.emailVerified && (
        <p>
          We sent a link to <strong>{user.email}</strong>: follow it to confirm your email, which booking a tutor and tutoring need. No
          email? <Link to="/settings">Send it again</Link>.
        </p>
      )}
      <p className="lead">What would you like to do first?</p>
      <Row xs={1} md={3} className="g-3 mb-3" as="ul" style={{ listStyle: 'none', paddingLeft: 0 }}>
        {steps.map((step) => (
          <Col as="li" key={step.to}>
            <Card className="h-100">
              <Card.Body>
                <h2 className="h5">
                  <Link to={step.to} className="stretched-link">
                    {step.title}
                  </Link>
                </h2>
                <p className="mb-0">{step.text}</p>
              </Card.Body>
            </Card>
          </Col>
        ))}
      </Row>
      <p className="small text-secondary">
        Times show in {timeZone.replaceAll('_', ' ')}. <Link to="/settings">Change it in your settings</Link>.
      </p>
    </section>
  );
}
