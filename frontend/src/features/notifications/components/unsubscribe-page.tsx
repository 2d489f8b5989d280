// /unsubscribe/:token/:type: where an email's unsubscribe link leads. It asks before it acts, since mail scanners
// open links; mail clients use the one-click address in the email's headers instead.
import { useMutation } from '@tanstack/react-query';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../../components/page-state';
import { errorMessage } from '../../../lib/api-client';
import { typeNames, unsubscribe, type NotificationType } from '../api/inbox';

const isType = (value: string | undefined): value is NotificationType => value !== undefined && value in typeNames;

export default function UnsubscribePage() {
  const { token = '', type } = useParams();
  const stop = useMutation({ mutationFn: (t: NotificationType) => unsubscribe(token, t) });
  if (!isType(type)) return <NotFound title="This unsubscribe link is not complete" back={{ to: '/', label: 'Go to the start page' }} />;
  return (
    <section className="my-4" style={{ maxWidth: '36rem' }}>
      <h1 className="h3">Stop these emails?</h1>
      <p>
        You will no longer get emails about: <strong>{typeNames[type].toLowerCase()}</strong>. They still appear in your inbox in the app.
      </p>
      {stop.isSuccess ? (
        <Alert variant="success">
          Done: these emails are off. You can turn them on again in your <Link to="/notifications">inbox settings</Link>.
        </Alert>
      ) : (
        <>
          {stop.isError && <Alert variant="danger">{errorMessage(stop.error)}</Alert>}
          <Button onClick={() => stop.mutate(type)} disabled={stop.isPending}>
            Stop these emails
          </Button>
        </>
      )}
    </section>
  );
}
