// Bookings as cards, each naming the other party and the course; an empty list says so.
import { Empty } from '../../../components/page-state';
import { useAuth } from '../../../lib/auth';
import { courseLabel, useCourses } from '../../../lib/catalog';
import { usePeople } from '../../../lib/people';
import type { Booking } from '../api/bookings';
import { BookingCard } from './booking-card';

export function BookingList({ bookings, empty, askForReview = false }: { bookings: Booking[]; empty: string; askForReview?: boolean }) {
  const { user } = useAuth();
  const courses = useCourses();
  const nameOf = usePeople(bookings.map((b) => (b.tutorId === user?.id ? b.studentId : b.tutorId)));
  if (bookings.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div>
      {bookings.map((b) => (
        <BookingCard
          key={b.id}
          booking={b}
          otherName={nameOf(b.tutorId === user?.id ? b.studentId : b.tutorId)}
          courseName={courseLabel(courses.data, b.courseId)}
          askForReview={askForReview}
        />
      ))}
    </div>
  );
}
