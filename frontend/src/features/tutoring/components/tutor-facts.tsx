// Why a student can trust a tutor, the same on a search card and on the tutor's page: rating, sessions taught,
// how fast they answer, price, languages, and a badge for each course the platform verified them for.
import Badge from 'react-bootstrap/Badge';
import type { Course } from '../../../lib/catalog';
import type { Tutor } from '../api/tutors';
import { Stars } from './stars';

type Facts = Pick<Tutor, 'rating' | 'sessionsTaught' | 'responseMinutes' | 'hourlyRateCents' | 'languages' | 'courseIds'>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "within 2 hours": rounded up, so the promise is never shorter than the record. */
export function answerTime(minutes: number): string {
  if (minutes <= 60) return 'within an hour';
  if (minutes <= 48 * 60) return `within ${plural(Math.ceil(minutes / 60), 'hour')}`;
  return `within ${plural(Math.ceil(minutes / 1440), 'day')}`;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

export function TutorFacts({ tutor, courses }: { tutor: Facts; courses: Course[] | undefined }) {
  return (
    <>
      <Stars rating={tutor.rating} />
      <ul className="list-unstyled small mt-1 mb-2">
        <li>{tutor.sessionsTaught === 0 ? 'New tutor: no sessions taught yet' : `${plural(tutor.sessionsTaught, 'session')} taught`}</li>
        {tutor.responseMinutes !== null && <li>Usually answers {answerTime(tutor.responseMinutes)}</li>}
        <li>{tutor.hourlyRateCents === 0 ? 'Free' : `${(tutor.hourlyRateCents / 100).toFixed(2)} an hour`}</li>
        <li>Speaks {tutor.languages.map((code) => languageNames.of(code) ?? code).join(', ')}</li>
      </ul>
      <div className="d-flex flex-wrap gap-1">
        {tutor.courseIds.map((id) => {
          const course = courses?.find((c) => c.id === id);
          return (
            course && (
              <Badge key={id} bg="success-subtle" text="success-emphasis" className="border border-success-subtle" title={course.title}>
                ✓ Verified for {course.code}
              </Badge>
            )
          );
        })}
      </div>
    </>
  );
}
