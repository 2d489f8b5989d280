// A group search that found nothing still leads somewhere: groups of related courses, tutors for the topic, or
// starting the group oneself.
import Button from 'react-bootstrap/Button';
import { Link } from 'react-router';
import { relatedCourses, useCourses } from '../../../lib/catalog';

export function NoGroupsFound({
  filters,
  signedIn,
  onSearch,
}: {
  filters: Record<string, string>;
  signedIn: boolean;
  onSearch: (filters: Record<string, string>) => void;
}) {
  const courses = useCourses();
  const topic = filters.q || filters.course || filters.subject || filters.tag;
  const related = relatedCourses(courses.data, { text: [filters.q, filters.course, filters.subject, filters.tag].join(' ') }).filter(
    (c) => c.code !== filters.course,
  );
  return (
    <section className="my-4" aria-labelledby="no-groups">
      <h2 className="h5" id="no-groups">
        No groups found
      </h2>
      {related.length > 0 && (
        <>
          <p className="mb-2">Groups may study a related course:</p>
          <ul className="list-unstyled d-flex flex-wrap gap-2">
            {related.map((c) => (
              <li key={c.id}>
                <Button size="sm" variant="outline-primary" onClick={() => onSearch({ course: c.code })}>
                  {c.code} — {c.title}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ul>
        {topic && (
          <li>
            <Link to={`/tutors?${new URLSearchParams({ q: topic })}`}>Tutors for {topic}</Link>
          </li>
        )}
        <li>{signedIn ? <Link to="/groups/new">Start a group</Link> : <Link to="/register">Sign up to start a group</Link>}</li>
      </ul>
    </section>
  );
}
