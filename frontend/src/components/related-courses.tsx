// Catalog courses a search that found nothing may have meant, each a button that searches for it instead.
import Button from 'react-bootstrap/Button';
import type { Course } from '../lib/catalog';

export function RelatedCourses({ courses, intro, onChoose }: { courses: Course[]; intro: string; onChoose: (course: Course) => void }) {
  if (courses.length === 0) return null;
  return (
    <>
      <p className="mb-2">{intro}</p>
      <ul className="list-unstyled d-flex flex-wrap gap-2">
        {courses.map((c) => (
          <li key={c.id}>
            <Button size="sm" variant="outline-primary" onClick={() => onChoose(c)}>
              {c.code} — {c.title}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
