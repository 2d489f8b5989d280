// Loading, empty and error states, the same everywhere.
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../lib/api-client';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="d-flex align-items-center gap-2 text-secondary my-4" role="status" aria-live="polite">
      <Spinner animation="border" size="sm" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert variant="danger" className="my-3">
      <p className="mb-2">{errorMessage(error)}</p>
      {onRetry && (
        <Button variant="outline-danger" size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="text-secondary my-4">{children}</p>;
}

/** What the page says when what its address names does not exist: words and a way back, never a retry. */
export interface Missing {
  title: string;
  back: { to: string; label: string };
}

export function NotFound({ title, back }: Missing) {
  return (
    <section className="my-4">
      <h1 className="h3">{title}</h1>
      <p>
        It may have been removed, or the link is wrong. <Link to={back.to}>{back.label}</Link>.
      </p>
    </section>
  );
}

/** Ids in addresses are UUIDs; the web server reads the same test before it names a page's first answers. */
export { isId } from '@tutoring-platform/shared/first-reads';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/**
 * A query that stays pending until others drawn with it have answered (or failed): what they add arriving later
 * would push its content down on the screen.
 */
export const drawnWith = <T,>(query: QueryLike<T>, ...others: Array<{ isPending: boolean }>): QueryLike<T> => ({
  data: query.data,
  error: query.error,
  isPending: query.isPending || others.some((other) => other.isPending),
  refetch: query.refetch,
});

/** Renders the states of a query, and the content once there is data. */
export function QueryState<T>({
  query,
  children,
  loadingLabel,
  missing,
}: {
  query: QueryLike<T>;
  children: (data: T) => React.ReactNode;
  loadingLabel?: string;
  /** When the query answers 404, this page instead of an error. */
  missing?: Missing;
}) {
  if (missing && query.error instanceof ApiError && query.error.status === 404) return <NotFound {...missing} />;
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.error || query.data === undefined) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
