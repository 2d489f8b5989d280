import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../lib/auth';
import { Loading } from './page-state';

/** Pages for signed-in people (and, with `admin`, admins): others are sent to log in and brought back after. */
export function RequireAuth({ children, admin = false }: { children: React.ReactNode; admin?: boolean }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading label="Checking your session…" />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (admin && user.role !== 'admin') return <p className="my-4">This page is for administrators.</p>;
  return <>{children}</>;
}
