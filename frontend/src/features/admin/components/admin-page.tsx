// Admin: verify the courses tutors offer, keep the catalog, suspend and reinstate accounts.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import Tab from 'react-bootstrap/Tab';
import Table from 'react-bootstrap/Table';
import Tabs from 'react-bootstrap/Tabs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, QueryState } from '../../../components/page-state';
import { ConfirmAction } from '../../../components/confirm-action';
import { useToasts } from '../../../components/toasts';
import { useCourses } from '../../../lib/catalog';
import { addCourse, decideCourse, editCourse, listCourseRequests, reinstateUser, searchUsers, suspendUser } from '../api/admin';

function useAction(invalidate: string, done: string) {
  const toasts = useToasts();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => {
      toasts.success(done);
      void queryClient.invalidateQueries({ queryKey: [invalidate] });
    },
    onError: (e) => toasts.failure(e),
  });
}

function Approvals() {
  const requests = useQuery({ queryKey: ['course-requests'], queryFn: listCourseRequests });
  const catalog = useCourses();
  const act = useAction('course-requests', 'Decision saved');
  const course = (id: string) => catalog.data?.find((c) => c.id === id);
  return (
    <QueryState query={requests}>
      {(list) =>
        list.length === 0 ? (
          <Empty>No courses wait for approval.</Empty>
        ) : (
          <Table responsive>
            <thead>
              <tr>
                <th scope="col">Tutor</th>
                <th scope="col">Course</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={`${r.tutorId}-${r.courseId}`}>
                  <td>
                    {r.displayName}
                    <br />
                    <span className="small text-secondary">{r.headline}</span>
                  </td>
                  <td>{course(r.courseId) ? `${course(r.courseId)!.code} — ${course(r.courseId)!.title}` : r.courseId}</td>
                  <td className="d-flex gap-2">
                    <Button size="sm" onClick={() => act.mutate(() => decideCourse(r.tutorId, r.courseId, 'approve'))}>
                      Approve {r.displayName} for {course(r.courseId)?.code ?? 'course'}
                    </Button>
                    <Button
                      size="sm"
                      variant="outline-danger"
                      onClick={() => act.mutate(() => decideCourse(r.tutorId, r.courseId, 'revoke'))}
                    >
                      Refuse
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )
      }
    </QueryState>
  );
}

function Catalog() {
  const catalog = useCourses();
  const act = useAction('courses', 'Course saved');
  const blank = { code: '', title: '', subject: '', description: '' };
  const [form, setForm] = useState(blank);
  // the course being edited, or null when the form adds one
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <Form
        className="mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          const save = editing ? () => editCourse(editing, form) : () => addCourse(form);
          act.mutate(() =>
            save().then(() => {
              setForm(blank);
              setEditing(null);
            }),
          );
        }}
      >
        <Row className="g-2 align-items-end">
          <Col xs={6} md={2}>
            <Form.Group controlId="course-code">
              <Form.Label>Code</Form.Label>
              <Form.Control required maxLength={20} value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
            </Form.Group>
          </Col>
          <Col xs={6} md={4}>
            <Form.Group controlId="course-title">
              <Form.Label>Title</Form.Label>
              <Form.Control required maxLength={160} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
            </Form.Group>
          </Col>
          <Col xs={8} md={4}>
            <Form.Group controlId="course-subject">
              <Form.Label>Subject</Form.Label>
              <Form.Control required maxLength={80} value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} />
            </Form.Group>
          </Col>
          <Col xs={4} md={2}>
            <Button type="submit" className="w-100">
              {editing ? 'Save course' : 'Add course'}
            </Button>
          </Col>
        </Row>
      </Form>
      <QueryState query={catalog}>
        {(courses) => (
          <Table responsive size="sm">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Title</th>
                <th scope="col">Subject</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id}>
                  <td>{c.code}</td>
                  <td>{c.title}</td>
                  <td>{c.subject}</td>
                  <td>
                    <Button
                      size="sm"
                      variant="link"
                      className="p-0"
                      onClick={() => {
                        setEditing(c.id);
                        setForm({ code: c.code, title: c.title, subject: c.subject, description: c.description });
                      }}
                    >
                      Edit {c.code}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}

function Accounts() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const users = useQuery({ queryKey: ['admin-users', search], queryFn: () => searchUsers(search) });
  const act = useAction('admin-users', 'Account updated');
  return (
    <>
      <Form
        role="search"
        className="d-flex gap-2 mb-3"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q);
        }}
      >
        <Form.Label htmlFor="user-search" visuallyHidden>
          Email or name
        </Form.Label>
        <Form.Control id="user-search" placeholder="Email or name" value={q} onChange={(e) => setQ(e.target.value)} />
        <Button type="submit">Search</Button>
      </Form>
      <QueryState query={users}>
        {(list) => (
          <Table responsive size="sm">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.id}>
                  <td>{u.displayName}</td>
                  <td>{u.email}</td>
                  <td>
                    <Badge bg={u.status === 'active' ? 'success' : 'danger'}>{u.status}</Badge>
                    {u.suspensionReason && <span className="small"> {u.suspensionReason}</span>}
                  </td>
                  <td>
                    {u.role === 'admin' ? (
                      <span className="small text-secondary">admin</span>
                    ) : u.status === 'active' ? (
                      <ConfirmAction
                        size="sm"
                        label="Suspend"
                        title={`Suspend ${u.displayName}?`}
                        confirmLabel="Suspend"
                        reasonLabel="Reason (kept with the account)"
                        onConfirm={(reason) => act.mutate(() => suspendUser(u.id, reason))}
                      >
                        They are signed out everywhere at once, cannot sign in again until reinstated, and their upcoming sessions are
                        cancelled.
                      </ConfirmAction>
                    ) : (
                      <Button size="sm" variant="outline-success" onClick={() => act.mutate(() => reinstateUser(u.id))}>
                        Reinstate
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}

export default function AdminPage() {
  return (
    <>
      <h1 className="h3 mb-3">Administration</h1>
      <Tabs defaultActiveKey="approvals" className="mb-3" mountOnEnter>
        <Tab eventKey="approvals" title="Course approvals">
          <Approvals />
        </Tab>
        <Tab eventKey="catalog" title="Catalog">
          <Catalog />
        </Tab>
        <Tab eventKey="accounts" title="Accounts">
          <Accounts />
        </Tab>
      </Tabs>
    </>
  );
}
