// /notifications: what I was told, newest first; opening one marks it read; and which of them also come by email.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import ListGroup from 'react-bootstrap/ListGroup';
import { Link } from 'react-router';
import { Empty, QueryState } from '../../../components/page-state';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/time';
import {
  getEmailPreferences,
  inboxKeys,
  listNotifications,
  markAllRead,
  markRead,
  typeNames,
  updateEmailPreferences,
  type EmailPreferences,
  type Notification,
  type NotificationType,
} from '../api/inbox';

export default function InboxPage() {
  const queryClient = useQueryClient();
  const inbox = useQuery({ queryKey: inboxKeys.list(), queryFn: listNotifications });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: refresh });
  return (
    <>
      <div className="d-flex flex-wrap align-items-center gap-2 mb-3">
        <h1 className="h3 mb-0 me-auto">Inbox</h1>
        {(inbox.data?.unread ?? 0) > 0 && (
          <Button variant="outline-primary" size="sm" onClick={() => readAll.mutate()} disabled={readAll.isPending}>
            Mark all read
          </Button>
        )}
      </div>
      <QueryState query={inbox} loadingLabel="Loading your notifications…">
        {({ notifications }) =>
          notifications.length === 0 ? (
            <Empty>Nothing yet. Requests, confirmations and reminders about your sessions will appear here.</Empty>
          ) : (
            <ListGroup as="ul" aria-label="Notifications">
              {notifications.map((n) => (
                <InboxItem key={n.id} notification={n} onRead={refresh} />
              ))}
            </ListGroup>
          )
        }
      </QueryState>
      <EmailSettings />
    </>
  );
}

function InboxItem({ notification: n, onRead }: { notification: Notification; onRead: () => void }) {
  const { timeZone } = useAuth();
  const read = useMutation({ mutationFn: () => markRead(n.id), onSuccess: onRead });
  const open = () => {
    if (!n.read) read.mutate();
  };
  return (
    <ListGroup.Item as="li" className={n.read ? '' : 'border-start border-primary border-4'}>
      <div className="d-flex flex-wrap gap-2 align-items-baseline">
        <h2 className="h6 mb-1 me-auto">
          {n.link ? (
            <Link to={n.link} onClick={open}>
              {n.title}
            </Link>
          ) : (
            n.title
          )}
          {!n.read && <span className="visually-hidden"> (unread)</span>}
        </h2>
        <time className="small text-secondary" dateTime={n.createdAt}>
          {formatDateTime(n.createdAt, timeZone)}
        </time>
      </div>
      <p className="mb-1 text-break" style={{ whiteSpace: 'pre-line' }}>
        {n.body}
      </p>
      {!n.read && (
        <Button variant="link" size="sm" className="p-0" onClick={open} disabled={read.isPending}>
          Mark read
        </Button>
      )}
    </ListGroup.Item>
  );
}

function EmailSettings() {
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const preferences = useQuery({ queryKey: inboxKeys.preferences(), queryFn: getEmailPreferences });
  const change = useMutation({
    mutationFn: (changes: Partial<EmailPreferences>) => updateEmailPreferences(changes),
    onSuccess: (saved) => {
      queryClient.setQueryData(inboxKeys.preferences(), saved);
      toasts.success('Email preferences saved');
    },
    onError: (error) => toasts.failure(error),
  });
  return (
    <section className="mt-4" aria-labelledby="email-settings">
      <h2 className="h5" id="email-settings">
        Email
      </h2>
      <p className="text-secondary small">Everything reaches this inbox. Choose what also comes to you by email.</p>
      <QueryState query={preferences} loadingLabel="Loading your email preferences…">
        {(current) => (
          <Form>
            {(Object.keys(typeNames) as NotificationType[]).map((type) => (
              <Form.Check
                key={type}
                type="switch"
                id={`email-${type}`}
                label={typeNames[type]}
                checked={current[type]}
                disabled={change.isPending}
                onChange={(e) => change.mutate({ [type]: e.currentTarget.checked })}
              />
            ))}
          </Form>
        )}
      </QueryState>
    </section>
  );
}
