// The inbox link in the navigation, with how many notifications are unread (asked again every minute and when the
// window regains focus).
import { useQuery } from '@tanstack/react-query';
import Badge from 'react-bootstrap/Badge';
import Nav from 'react-bootstrap/Nav';
import { NavLink } from 'react-router';
import { unreadQuery } from '../api/inbox';

export function InboxBadge() {
  const unread = useQuery(unreadQuery);
  const count = unread.data ?? 0;
  return (
    <Nav.Link as={NavLink} to="/notifications" eventKey="notifications">
      Inbox
      {count > 0 && (
        <>
          {' '}
          <Badge bg="danger" pill>
            {count > 99 ? '99+' : count}
            <span className="visually-hidden"> unread</span>
          </Badge>
        </>
      )}
    </Nav.Link>
  );
}
