import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { errorMessage, type Session } from '../../../lib/api-client';
import { logInSecondStep, logInWithPassword } from '../api/auth';
import { useAuth } from '../../../lib/auth';

/** Only paths inside the app: `next` must not send people elsewhere. */
export const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

/** The second step of a sign-in: a code from the authenticator app, or one of the recovery codes. */
function SecondStep({ challenge, onSignedIn }: { challenge: string; onSignedIn: (session: Session) => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const step = useMutation({
    mutationFn: () => logInSecondStep(useRecovery ? { challenge, recoveryCode: code.trim() } : { challenge, code: code.trim() }),
    onSuccess: onSignedIn,
  });
  return (
    <>
      {step.error && <Alert variant="danger">{errorMessage(step.error)}</Alert>}
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          step.mutate();
        }}
      >
        <Form.Group className="mb-3" controlId="login-code">
          <Form.Label>{useRecovery ? 'Recovery code' : 'Code from your authenticator app'}</Form.Label>
          <Form.Control
            autoFocus
            required
            autoComplete="one-time-code"
            inputMode={useRecovery ? 'text' : 'numeric'}
            pattern={useRecovery ? '[A-Za-z2-7]{4}(-?[A-Za-z2-7]{4}){3}' : '[0-9]{6}'}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Form.Group>
        <Button type="submit" disabled={step.isPending}>
          {step.isPending ? 'Checking…' : 'Continue'}
        </Button>
        <Button
          variant="link"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setCode('');
          }}
        >
          {useRecovery ? 'Use the app instead' : 'Use a recovery code'}
        </Button>
      </Form>
    </>
  );
}

export default function LoginPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signedIn = (session: Session) => {
    signIn(session);
    void navigate(safeNext(params.get('next')), { replace: true });
  };
  const login = useMutation({
    mutationFn: logInWithPassword,
    onSuccess: (answer) => {
      if (!('challenge' in answer)) signedIn(answer);
    },
  });
  const challenge = login.data && 'challenge' in login.data ? login.data.challenge : undefined;
  return (
    <section className="mx-auto my-4" style={{ maxWidth: 420 }}>
      <h1 className="h3 mb-3">{challenge ? 'Two-step sign-in' : 'Log in'}</h1>
      {challenge ? (
        <SecondStep challenge={challenge} onSignedIn={signedIn} />
      ) : (
        <>
          {login.error && <Alert variant="danger">{errorMessage(login.error)}</Alert>}
          <Form
            onSubmit={(e) => {
              e.preventDefault();
              login.mutate({ email, password });
            }}
          >
            <Form.Group className="mb-3" controlId="login-email">
              <Form.Label>Email</Form.Label>
              <Form.Control type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </Form.Group>
            <Form.Group className="mb-3" controlId="login-password">
              <Form.Label>Password</Form.Label>
              <Form.Control
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </Form.Group>
            <Button type="submit" disabled={login.isPending}>
              {login.isPending ? 'Logging in…' : 'Log in'}
            </Button>
          </Form>
          <p className="mt-3 mb-1">
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
          <p>
            New here?{' '}
            <Link to={`/register${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}>Create an account</Link>
          </p>
        </>
      )}
    </section>
  );
}
