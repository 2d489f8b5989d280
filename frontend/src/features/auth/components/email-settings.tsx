// The account's email in Settings: whether it is confirmed (booking and tutoring need it), the link again, and a
// change of address, which takes effect once the new address confirms it.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { useMutation } from '@tanstack/react-query';
import { useToasts } from '../../../components/toasts';
import { requestEmailChange, resendEmailVerification, type Account } from '../api/auth';

export function EmailSettings({ account }: { account: Account }) {
  const toasts = useToasts();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const resend = useMutation({
    mutationFn: resendEmailVerification,
    onSuccess: () => toasts.success(`We sent a new link to ${account.email}`),
    onError: (error) => toasts.failure(error, 'No link sent'),
  });
  const change = useMutation({
    mutationFn: () => requestEmailChange({ email, password }),
    onSuccess: () => setPassword(''),
    onError: (error) => toasts.failure(error, 'Email not changed'),
  });
  return (
    <section aria-labelledby="email-heading" className="mt-4">
      <h2 id="email-heading" className="h5">
        Email
      </h2>
      <p>
        {account.email}{' '}
        {account.emailVerified ? (
          <Badge bg="success">Confirmed</Badge>
        ) : (
          <Badge bg="warning" text="dark">
            Not confirmed
          </Badge>
        )}
      </p>
      {!account.emailVerified && (
        <p>
          Booking a tutor and tutoring need a confirmed email: follow the link we sent you.{' '}
          <Button variant="outline-primary" size="sm" disabled={resend.isPending} onClick={() => resend.mutate()}>
            Send the link again
          </Button>
        </p>
      )}
      {change.isSuccess ? (
        <Alert variant="info" role="status">
          We sent a link to {change.data.pendingEmail}. Your email changes once you follow it; until then it stays {account.email}.
        </Alert>
      ) : (
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate();
          }}
        >
          <Form.Group className="mb-2" controlId="settings-new-email">
            <Form.Label>New email</Form.Label>
            <Form.Control type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Form.Group>
          <Form.Group className="mb-2" controlId="settings-email-password">
            <Form.Label>Your password</Form.Label>
            <Form.Control
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Form.Group>
          <Button type="submit" variant="outline-primary" disabled={change.isPending}>
            Change email
          </Button>
        </Form>
      )}
    </section>
  );
}
