// Study groups: browse and search, my groups, my upcoming meetings.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { Link, useSearchParams } from 'react-router';
import { NoGroupsFound } from './no-groups-found';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Empty, QueryState } from '../../../components/page-state';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/time';
import { browseGroups, myGroups, upcomingMeetings, type Group } from '../api/groups';

export function GroupCard({ group, role }: { group: Group; role?: string }) {
  const { timeZone } = useAuth();
  const full = group.memberCount >= group.capacity;
  return (
    <Card className="h-100">
      <Card.Body>
        <h3 className="h5 card-title">
          <Link to={`/groups/${group.id}`} className="name-cut" title={group.name}>
            {group.name}
          </Link>
        </h3>
        <Card.Subtitle className="mb-2 text-secondary">
          {group.course} · {group.subject}
        </Card.Subtitle>
        <p className="small mb-2">{group.description.slice(0, 140)}</p>
        <p className="small mb-2">
          {group.memberCount} {group.memberCount === 1 ? 'member' : 'members'}
          {group.nextMeetingAt && ` · next meets ${formatDateTime(group.nextMeetingAt, timeZone)}`}
        </p>
        <div className="d-flex flex-wrap gap-1">
          <Badge bg={full ? 'secondary' : 'success'}>{full ? 'Full: waitlist' : `${group.capacity - group.memberCount} places left`}</Badge>
          {group.visibility === 'private' && <Badge bg="dark">Join on request</Badge>}
          {role && (
            <Badge bg="info" text="dark">
              {role}
            </Badge>
          )}
          {group.tags.map((t) => (
            <Badge key={t} bg="light" text="dark" className="border">
              {t}
            </Badge>
          ))}
        </div>
      </Card.Body>
    </Card>
  );
}

function Mine() {
  const { timeZone } = useAuth();
  const groups = useQuery({ queryKey: ['groups', 'mine'], queryFn: myGroups });
  const meetings = useQuery({ queryKey: ['meetings', 'upcoming'], queryFn: upcomingMeetings });
  return (
    <Row className="g-4 mb-4">
      <Col lg={7}>
        <h2 className="h5">My groups</h2>
        <QueryState query={groups}>
          {(list) =>
            list.length === 0 ? (
              <Empty>You are not in a group yet.</Empty>
            ) : (
              <Row xs={1} md={2} className="g-2">
                {list.map((g) => (
                  <Col key={g.id}>
                    <GroupCard group={g} role={g.myRole} />
                  </Col>
                ))}
              </Row>
            )
          }
        </QueryState>
      </Col>
      <Col lg={5}>
        <h2 className="h5">My upcoming meetings</h2>
        <QueryState query={meetings}>
          {(list) =>
            list.length === 0 ? (
              <Empty>No meetings coming up.</Empty>
            ) : (
              <ul className="list-unstyled">
                {list.map(({ meeting, groupName, myRsvp }) => (
                  <li key={meeting.id} className="border-bottom py-2">
                    <Link to={`/groups/${meeting.groupId}`}>{groupName}</Link>: {meeting.title}
                    <br />
                    <span className="small">
                      {formatDateTime(meeting.startsAt, timeZone)} · {myRsvp ? myRsvp.replace('_', ' ') : 'not answered'}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </Col>
    </Row>
  );
}

export default function GroupsPage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState({
    q: params.get('q') ?? '',
    course: params.get('course') ?? '',
    subject: params.get('subject') ?? '',
    tag: params.get('tag') ?? '',
    hasSpace: params.get('hasSpace') ?? '',
  });
  const query = Object.fromEntries([...params.entries()].filter(([k]) => ['q', 'course', 'subject', 'tag', 'hasSpace'].includes(k)));
  const groups = useInfiniteQuery({
    queryKey: ['groups', 'browse', query],
    queryFn: ({ pageParam }) => browseGroups({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = groups.data?.pages.flatMap((p) => p.groups);
  return (
    <>
      <div className="d-flex justify-content-between align-items-center mb-3 flex-wrap gap-2">
        <h1 className="h3 mb-0">Study groups</h1>
        {user && (
          <Link className="btn btn-primary" to="/groups/new">
            Start a group
          </Link>
        )}
      </div>
      {user && <Mine />}
      <h2 className="h5">Find a group</h2>
      <Form
        role="search"
        className="mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)));
        }}
      >
        <Row className="g-2 align-items-end">
          <Col xs={12} md={3}>
            <Form.Group controlId="groups-q">
              <Form.Label>Words</Form.Label>
              <Form.Control value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group controlId="groups-course">
              <Form.Label>Course</Form.Label>
              <Form.Control value={draft.course} onChange={(e) => setDraft({ ...draft, course: e.target.value })} />
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group controlId="groups-subject">
              <Form.Label>Subject</Form.Label>
              <Form.Control value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Group controlId="groups-tag">
              <Form.Label>Tag</Form.Label>
              <Form.Control value={draft.tag} onChange={(e) => setDraft({ ...draft, tag: e.target.value })} />
            </Form.Group>
          </Col>
          <Col xs={6} md={2}>
            <Form.Check
              id="groups-space"
              label="Has space"
              checked={draft.hasSpace === 'true'}
              onChange={(e) => setDraft({ ...draft, hasSpace: e.target.checked ? 'true' : '' })}
              className="mb-2"
            />
          </Col>
          <Col xs={12} md={1}>
            <Button type="submit" className="w-100">
              Search
            </Button>
          </Col>
        </Row>
      </Form>
      <QueryState query={{ ...groups, data: list }} loadingLabel="Loading groups…">
        {(found) =>
          found.length === 0 ? (
            <NoGroupsFound
              filters={query}
              signedIn={Boolean(user)}
              onSearch={(next) => {
                setDraft({ q: '', course: '', subject: '', tag: '', hasSpace: '', ...next });
                setParams(next);
              }}
            />
          ) : (
            <>
              <Row xs={1} md={2} lg={3} className="g-3">
                {found.map((g) => (
                  <Col key={g.id}>
                    <GroupCard group={g} />
                  </Col>
                ))}
              </Row>
              {groups.hasNextPage && (
                <Button
                  variant="outline-primary"
                  className="mt-3"
                  onClick={() => void groups.fetchNextPage()}
                  disabled={groups.isFetchingNextPage}
                >
                  More groups
                </Button>
              )}
            </>
          )
        }
      </QueryState>
    </>
  );
}
