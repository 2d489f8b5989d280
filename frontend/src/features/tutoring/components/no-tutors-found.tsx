// A search that found no tutor still leads somewhere: related courses, the same search without its filters,
// and study groups on the topic.
import Button from 'react-bootstrap/Button';
import { Link } from 'react-router';
import { relatedCourses, type Course } from '../../../lib/catalog';

export function NoTutorsFound({
  filters,
  courses,
  onSearch,
}: {
  filters: Record<string, string>;
  courses: Course[] | undefined;
  onSearch: (filters: Record<string, string>) => void;
}) {
  const related = relatedCourses(courses, { text: filters.q, courseId: filters.course });
  const narrowed = Object.keys(filters).some((name) => !['q', 'course', 'sort'].includes(name));
  const topic = filters.q || courses?.find((c) => c.id === filters.course)?.code;
  return (
    <section className="my-4" aria-labelledby="no-tutors">
      <h2 className="h5" id="no-tutors">
        No tutors match
      </h2>
      {related.length > 0 && (
        <>
          <p className="mb-2">Tutors may teach a related course:</p>
          <ul className="list-unstyled d-flex flex-wrap gap-2">
            {related.map((c) => (
              <li key={c.id}>
                <Button size="sm" variant="outline-primary" onClick={() => onSearch({ course: c.id })}>
                  {c.code} — {c.title}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ul>
        {narrowed && (
          <li>
            <Button variant="link" className="p-0 align-baseline" onClick={() => onSearch(filters.q ? { q: filters.q } : {})}>
              Search again without the filters
            </Button>
          </li>
        )}
        {topic && (
          <li>
            <Link to={`/groups?${new URLSearchParams({ q: topic })}`}>Study groups about {topic}</Link>: peers often learn it together.
          </li>
        )}
        <li>
          <Link to="/tutors">See every tutor</Link>
        </li>
      </ul>
    </section>
  );
}
