import { useCallback, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../lib/api-client';
import { browserTimeZone } from '../../../lib/time';
import { register } from '../api/auth';
import { useAuth } from '../../../lib/auth';
import { safeNext } from './login-page';
import { TimeZoneSelect } from '../../../components/time-zone-select';

export default function RegisterPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ displayName: '', email: '', password: '', timezone: browserTimeZone() });
  // stable, so the memoised zone picker is not re-rendered by typing elsewhere
  const setTimezone = useCallback((timezone: string) => setForm((f) => ({ ...f, timezone })), []);
  const signUp = useMutation({
    mutationFn: register,
    onSuccess: (session) => {
      signIn(session);
      // someone who came to do something goes back to it; everyone else chooses a first step
      const next = params.get('next');
      void navigate(next ? safeNext(next) : '/welcome', { replace: true });
    },
  });
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setForm({ ...form, [name]: e.target.value }),
  });
  return (
    <section className="mx-auto my-4" style={{ maxWidth: 460 }}>
      <h1 className="h3 mb-3">Create your account</h1>
      {signUp.error && <Alert variant="danger">{errorMessage(signUp.error)}</Alert>}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          signUp.mutate(form);
        }}
      >
        <Form.Group className="mb-3" controlId="register-name">
          <Form.Label>Your name</Form.Label>
          <Form.Control autoComplete="name" required maxLength={80} {...field('displayName')} />
        </Form.Group>
        <Form.Group className="mb-3" controlId="register-email">
          <Form.Label>Email</Form.Label>
          <Form.Control type="email" autoComplete="email" required {...field('email')} />
        </Form.Group>
        <Form.Group className="mb-3" controlId="register-password">
          <Form.Label>Password</Form.Label>
          <Form.Control
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            aria-describedby="password-help"
            {...field('password')}
          />
          <Form.Text id="password-help">At least 8 characters; common passwords are refused.</Form.Text>
        </Form.Group>
        <TimeZoneSelect id="register-timezone" value={form.timezone} onChange={setTimezone} />
        <Button type="submit" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating…' : 'Create account'}
        </Button>
      </Form>
      <p className="mt-3">
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
