// A group search that found nothing still leads somewhere: groups of related courses, tutors for the topic, or
// starting the group oneself.
import { Link } from 'react-router';
import { RelatedCourses } from '../../../components/related-courses';
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
      <RelatedCourses courses={related} intro="Groups may study a related course:" onChoose={(c) => onSearch({ course: c.code })} />
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
