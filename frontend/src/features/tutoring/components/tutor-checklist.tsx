// A new tutor's way to a first request: profile, approved courses, weekly hours, a look at what students see,
// then the first request. Each step says what is missing and leads to where it is done; it goes when all are.
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import { Link } from 'react-router';
import type { Course } from '../../../lib/catalog';
import type { OwnTutorProfile } from '../api/tutor-profile';

export type DashboardTab = 'sessions' | 'availability' | 'profile';

type State = 'done' | 'waiting' | 'todo';
interface Step {
  title: string;
  state: State;
  detail: React.ReactNode;
}

const mark: Record<State, string> = { done: '✓', waiting: '…', todo: '○' };
const stateText: Record<State, string> = { done: 'done', waiting: 'waiting', todo: 'to do' };

export function TutorChecklist({
  profile,
  courses,
  hasRequests,
  onOpen,
}: {
  profile: OwnTutorProfile;
  courses: Course[] | undefined;
  hasRequests: boolean;
  onOpen: (tab: DashboardTab) => void;
}) {
  const code = (id: string) => courses?.find((c) => c.id === id)?.code ?? 'a course';
  const approved = profile.courses.filter((c) => c.status === 'approved');
  const pending = profile.courses.filter((c) => c.status === 'pending');
  const hours = profile.availability.weekly.length > 0;
  const bookable = approved.length > 0 && hours;
  const open = (tab: DashboardTab, label: string) => (
    <Button variant="link" className="p-0 align-baseline" onClick={() => onOpen(tab)}>
      {label}
    </Button>
  );
  const steps: Step[] = [
    { title: 'Your profile', state: 'done', detail: <>Students see your headline, languages and how you meet.</> },
    {
      title: 'Your courses',
      state: approved.length > 0 ? 'done' : pending.length > 0 ? 'waiting' : 'todo',
      detail:
        approved.length > 0 ? (
          <>Verified for {approved.map((c) => code(c.courseId)).join(', ')}.</>
        ) : pending.length > 0 ? (
          <>Pending approval: {pending.map((c) => code(c.courseId)).join(', ')}. An admin checks each course.</>
        ) : (
          <>Choose the courses you can teach in {open('profile', 'your profile')}.</>
        ),
    },
    {
      title: 'Weekly hours',
      state: hours ? 'done' : 'todo',
      detail: hours ? (
        <>Students can book inside your hours.</>
      ) : (
        <>Paint the hours you are free on the {open('availability', 'week grid')}.</>
      ),
    },
    {
      title: 'What students see',
      state: bookable ? 'done' : 'todo',
      detail: (
        <>
          <Link to={`/tutors/${profile.id}`}>Preview your page</Link>
          {bookable ? ': your open times are bookable.' : ': times show once a course is approved and your hours are set.'}
        </>
      ),
    },
    {
      title: 'Your first request',
      state: hasRequests ? 'done' : 'todo',
      detail: hasRequests ? (
        <>Answer requests quickly: your answer time shows on your card.</>
      ) : (
        <>Requests appear under Sessions and requests.</>
      ),
    },
  ];
  if (steps.every((s) => s.state === 'done')) return null;
  const done = steps.filter((s) => s.state === 'done').length;
  return (
    <Card className="mb-4" as="section" aria-labelledby="tutor-checklist">
      <Card.Body>
        <h2 className="h5" id="tutor-checklist">
          Get ready for your first student ({done} of {steps.length} done)
        </h2>
        <ol className="list-unstyled mb-0">
          {steps.map((step) => (
            <li key={step.title} className="d-flex gap-2 py-1">
              <span aria-hidden="true" className={step.state === 'done' ? 'text-success' : 'text-secondary'}>
                {mark[step.state]}
              </span>
              <span>
                <strong>{step.title}</strong> <span className="visually-hidden">({stateText[step.state]})</span>· {step.detail}
              </span>
            </li>
          ))}
        </ol>
      </Card.Body>
    </Card>
  );
}
