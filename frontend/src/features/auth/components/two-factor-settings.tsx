// Two-step sign-in in Settings: set up with a QR code or the key as text, confirm with the first code, keep the
// recovery codes (shown once); turn it off with a code (administrators cannot), or move it to a new phone.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToasts } from '../../../components/toasts';
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment, turnOffTwoFactor, type Account } from '../api/auth';

function CodeForm({ label, action, pending, onCode }: { label: string; action: string; pending: boolean; onCode: (code: string) => void }) {
  const [code, setCode] = useState('');
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        onCode(code.trim());
        setCode('');
      }}
    >
      <Form.Group className="mb-2" controlId={`two-factor-${action.toLowerCase().replace(/\W+/g, '-')}`}>
        <Form.Label>{label}</Form.Label>
        <Form.Control
          required
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          style={{ maxWidth: 160 }}
        />
      </Form.Group>
      <Button type="submit" disabled={pending}>
        {action}
      </Button>
    </Form>
  );
}

export function TwoFactorSettings({ account }: { account: Account }) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const start = useMutation({ mutationFn: startTwoFactorEnrolment, onError: (error) => toasts.failure(error, 'Not set up') });
  const confirm = useMutation({
    mutationFn: confirmTwoFactorEnrolment,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['me'] }),
    onError: (error) => toasts.failure(error, 'Not turned on'),
  });
  const turnOff = useMutation({
    mutationFn: turnOffTwoFactor,
    onSuccess: () => {
      toasts.success('Two-step sign-in is off');
      start.reset();
      confirm.reset();
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
    onError: (error) => toasts.failure(error, 'Still on'),
  });
  const enrolment = start.data && !confirm.isSuccess ? start.data : undefined;
  return (
    <section aria-labelledby="two-factor-heading" className="mt-4">
      <h2 id="two-factor-heading" className="h5">
        Two-step sign-in
      </h2>
      {confirm.isSuccess ? (
        <Alert variant="success" role="status">
          <p>Two-step sign-in is on: from your next sign-in, a code from your app follows the password.</p>
          <p className="mb-1">
            Keep these recovery codes somewhere safe. Each one signs you in once without your phone; they are not shown again.
          </p>
          <ul aria-label="Recovery codes" className="font-monospace list-unstyled mb-0">
            {confirm.data.recoveryCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </Alert>
      ) : enrolment ? (
        <>
          <p>Scan this code with an authenticator app, or type the key into it, then enter the code the app shows.</p>
          <img src={enrolment.qrCode} alt="QR code for your authenticator app" width={180} height={180} />
          <p className="mt-2">
            Key: <code aria-label="Key for your authenticator app">{enrolment.key}</code>
          </p>
          <CodeForm label="Code from the app" action="Turn on" pending={confirm.isPending} onCode={(code) => confirm.mutate(code)} />
        </>
      ) : (
        <>
          <p>
            {account.twoFactorEnabled
              ? 'On: signing in asks for a code from your authenticator app after the password.'
              : 'Off. With it on, a stolen password alone cannot sign in to your account.'}
            {account.role === 'admin' && ' Administrators need it for the admin tools.'}
          </p>
          <Button variant="outline-primary" className="mb-3" disabled={start.isPending} onClick={() => start.mutate()}>
            {account.twoFactorEnabled ? 'Set up a new authenticator app' : 'Set up two-step sign-in'}
          </Button>
          {account.twoFactorEnabled && account.role !== 'admin' && (
            <CodeForm
              label="To turn it off, a code from your app"
              action="Turn off"
              pending={turnOff.isPending}
              onCode={(code) => turnOff.mutate(code)}
            />
          )}
        </>
      )}
    </section>
  );
}
