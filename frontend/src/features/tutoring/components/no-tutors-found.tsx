// A search that found no tutor still leads somewhere: related courses, the same search without its filters,
// and study groups on the topic.
import Button from 'react-bootstrap/Button';
import { Link } from 'react-router';
import { RelatedCourses } from '../../../components/related-courses';
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
      <RelatedCourses courses={related} intro="Tutors may teach a related course:" onChoose={(c) => onSearch({ course: c.id })} />
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
