// The frame of every page: skip link, navigation, the page, a footer naming the time zone in use.
import Button from 'react-bootstrap/Button';
import Container from 'react-bootstrap/Container';
import Nav from 'react-bootstrap/Nav';
import Navbar from 'react-bootstrap/Navbar';
import { NavLink, Outlet, useNavigate, useNavigation } from 'react-router';
import { Loading } from '../components/page-state';
import { AfterSignIn, useAuth } from '../lib/auth';
import { ZoneMismatch } from '../features/auth/components/zone-mismatch';
import { InboxBadge } from '../features/notifications/components/inbox-badge';

export function Layout() {
  const { user, ready, signOut, timeZone } = useAuth();
  const navigate = useNavigate();
  const navigation = useNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Navbar expand="md" bg="dark" data-bs-theme="dark" collapseOnSelect>
        <Container>
          <Navbar.Brand as={NavLink} to="/">
            StudyCircle
          </Navbar.Brand>
          <Navbar.Toggle aria-controls="main-nav" label="Menu" />
          <Navbar.Collapse id="main-nav">
            <Nav className="me-auto" as="ul">
              {[
                { to: '/tutors', label: 'Find a tutor', show: true },
                { to: '/groups', label: 'Study groups', show: true },
                { to: '/sessions', label: 'My sessions', show: Boolean(user) },
                { to: '/tutoring', label: 'Tutoring', show: Boolean(user) },
                { to: '/admin', label: 'Admin', show: user?.role === 'admin' },
              ]
                .filter((link) => link.show)
                .map((link) => (
                  <Nav.Item as="li" key={link.to}>
                    <Nav.Link as={NavLink} to={link.to} eventKey={link.to}>
                      {link.label}
                    </Nav.Link>
                  </Nav.Item>
                ))}
            </Nav>
            <Nav as="ul">
              {/* nothing until the silent sign-in answers: a signed-in person never sees "Log in" flash by */}
              {!ready ? null : user ? (
                <>
                  <Nav.Item as="li">
                    <InboxBadge />
                  </Nav.Item>
                  <Nav.Item as="li">
                    <Nav.Link as={NavLink} to="/settings" eventKey="settings" className="name-cut" title={user.displayName}>
                      {user.displayName}
                    </Nav.Link>
                  </Nav.Item>
                  <Nav.Item as="li">
                    <Button
                      variant="outline-light"
                      size="sm"
                      className="mt-1 ms-md-2"
                      onClick={() => void signOut().then(() => navigate('/'))}
                    >
                      Log out
                    </Button>
                  </Nav.Item>
                </>
              ) : (
                <>
                  <Nav.Item as="li">
                    <Nav.Link as={NavLink} to="/login" eventKey="login">
                      Log in
                    </Nav.Link>
                  </Nav.Item>
                  <Nav.Item as="li">
                    <Nav.Link as={NavLink} to="/register" eventKey="register">
                      Sign up
                    </Nav.Link>
                  </Nav.Item>
                </>
              )}
            </Nav>
          </Navbar.Collapse>
        </Container>
      </Navbar>
      <Container as="main" id="main" tabIndex={-1} className="py-3">
        {ready && <ZoneMismatch />}
        {navigation.state === 'loading' ? (
          <Loading />
        ) : (
          <AfterSignIn pending={<Loading />}>
            <Outlet />
          </AfterSignIn>
        )}
      </Container>
      <footer className="border-top py-3 mt-4">
        {/* the account's zone is known once the silent sign-in has answered */}
        <Container className="small text-secondary">{ready && `Times are shown in ${timeZone.replaceAll('_', ' ')}.`}</Container>
      </footer>
    </>
  );
}
