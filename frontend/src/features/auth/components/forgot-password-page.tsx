// /forgot-password: ask for a link to set a new password. The answer is the same whether or not the email has an
// account, so the page says what happens if it does.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../lib/api-client';
import { requestPasswordReset } from '../api/auth';

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const ask = useMutation({ mutationFn: requestPasswordReset });
  return (
    <section className="mx-auto my-4" style={{ maxWidth: 420 }}>
      <h1 className="h3 mb-3">Forgot your password?</h1>
      {ask.isSuccess ? (
        <Alert variant="success" role="status">
          If an account uses {email}, a link to set a new password is on its way. It works once, for 30 minutes.
        </Alert>
      ) : (
        <>
          {ask.error && <Alert variant="danger">{errorMessage(ask.error)}</Alert>}
          <p>Enter the email you signed up with, and we will send you a link to set a new password.</p>
          <Form
            onSubmit={(e) => {
              e.preventDefault();
              ask.mutate(email);
            }}
          >
            <Form.Group className="mb-3" controlId="forgot-email">
              <Form.Label>Email</Form.Label>
              <Form.Control type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </Form.Group>
            <Button type="submit" disabled={ask.isPending}>
              {ask.isPending ? 'Sending…' : 'Send the link'}
            </Button>
          </Form>
        </>
      )}
      <p className="mt-3">
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
