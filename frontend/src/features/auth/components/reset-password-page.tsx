// /reset-password#<token>: set a new password from the emailed link. The token travels in the fragment, which
// browsers never send to a server or in a Referer.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { Link, useLocation } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../lib/api-client';
import { resetPassword } from '../api/auth';

export default function ResetPasswordPage() {
  const token = useLocation().hash.slice(1);
  const [password, setPassword] = useState('');
  const reset = useMutation({ mutationFn: resetPassword });
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
    return (
      <section className="mx-auto my-4" style={{ maxWidth: 420 }}>
        <h1 className="h3 mb-3">This link is not complete</h1>
        <p>
          Open the link from the email again, or <Link to="/forgot-password">ask for a new one</Link>.
        </p>
      </section>
    );
  }
  return (
    <section className="mx-auto my-4" style={{ maxWidth: 420 }}>
      <h1 className="h3 mb-3">Set a new password</h1>
      {reset.isSuccess ? (
        <Alert variant="success" role="status">
          Your password is set, and you were signed out everywhere. <Link to="/login">Log in</Link> with the new one.
        </Alert>
      ) : (
        <>
          {reset.error && (
            <Alert variant="danger">
              {errorMessage(reset.error)} <Link to="/forgot-password">Ask for a new link</Link>.
            </Alert>
          )}
          <Form
            onSubmit={(e) => {
              e.preventDefault();
              reset.mutate({ token, password });
            }}
          >
            <Form.Group className="mb-3" controlId="reset-password">
              <Form.Label>New password</Form.Label>
              <Form.Control
                type="password"
                autoComplete="new-password"
                minLength={8}
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-describedby="reset-password-help"
              />
              <Form.Text id="reset-password-help">At least 8 characters. A passphrase of a few words is best.</Form.Text>
            </Form.Group>
            <Button type="submit" disabled={reset.isPending}>
              {reset.isPending ? 'Saving…' : 'Set the password'}
            </Button>
          </Form>
        </>
      )}
    </section>
  );
}
