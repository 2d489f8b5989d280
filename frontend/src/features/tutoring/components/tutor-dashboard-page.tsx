// Tutoring: become a tutor, then profile, availability and the sessions people book with me.
import Alert from 'react-bootstrap/Alert';
import Tab from 'react-bootstrap/Tab';
import Tabs from 'react-bootstrap/Tabs';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useCourses } from '../../../lib/catalog';
import { QueryState } from '../../../components/page-state';
import { listBookings } from '../api/bookings';
import { getMyTutorProfile } from '../api/tutor-profile';
import { AvailabilityForm } from './availability-form';
import { BookingList } from './booking-list';
import { TutorChecklist, type DashboardTab } from './tutor-checklist';
import { TutorPhotoForm } from './tutor-photo-form';
import { TutorProfileForm } from './tutor-profile-form';

function TutorSessions() {
  const requests = useQuery({
    queryKey: ['bookings', 'tutor', 'pending'],
    queryFn: () => listBookings({ as: 'tutor', when: 'upcoming', status: 'pending' }),
  });
  const upcoming = useQuery({
    queryKey: ['bookings', 'tutor', 'upcoming'],
    queryFn: () => listBookings({ as: 'tutor', when: 'upcoming', status: 'confirmed' }),
  });
  const past = useQuery({ queryKey: ['bookings', 'tutor', 'past'], queryFn: () => listBookings({ as: 'tutor', when: 'past' }) });
  return (
    <>
      <h2 className="h5">Requests to answer</h2>
      <QueryState query={requests}>{({ bookings }) => <BookingList bookings={bookings} empty="No requests waiting." />}</QueryState>
      <h2 className="h5 mt-4">Upcoming sessions</h2>
      <QueryState query={upcoming}>{({ bookings }) => <BookingList bookings={bookings} empty="Nothing booked yet." />}</QueryState>
      <h2 className="h5 mt-4">Past sessions</h2>
      <QueryState query={past}>{({ bookings }) => <BookingList bookings={bookings} empty="No past sessions." />}</QueryState>
    </>
  );
}

export default function TutorDashboardPage() {
  const profile = useQuery({ queryKey: ['my-tutor-profile'], queryFn: getMyTutorProfile });
  const courses = useCourses();
  const [tab, setTab] = useState<DashboardTab>('sessions');
  // any request ever, coming or past, ends the checklist's last step
  const coming = useQuery({
    queryKey: ['bookings', 'tutor', 'upcoming-any'],
    queryFn: () => listBookings({ as: 'tutor', when: 'upcoming' }),
    enabled: Boolean(profile.data),
  });
  const past = useQuery({
    queryKey: ['bookings', 'tutor', 'past'],
    queryFn: () => listBookings({ as: 'tutor', when: 'past' }),
    enabled: Boolean(profile.data),
  });
  const hasRequests = (coming.data?.bookings.length ?? 0) + (past.data?.bookings.length ?? 0) > 0;
  return (
    <>
      <h1 className="h3 mb-3">Tutoring</h1>
      <QueryState query={profile} loadingLabel="Loading your tutor profile…">
        {(mine) =>
          mine === null ? (
            <>
              <Alert variant="info">
                Any student can tutor courses they know. Tell students what you offer; an admin approves each course.
              </Alert>
              <TutorProfileForm profile={null} />
            </>
          ) : (
            <>
              {coming.data && past.data && (
                <TutorChecklist profile={mine} courses={courses.data} hasRequests={hasRequests} onOpen={setTab} />
              )}
              <Tabs activeKey={tab} onSelect={(key) => setTab((key as DashboardTab | null) ?? 'sessions')} className="mb-3" mountOnEnter>
                <Tab eventKey="sessions" title="Sessions and requests">
                  <TutorSessions />
                </Tab>
                <Tab eventKey="availability" title="Availability">
                  <AvailabilityForm availability={mine.availability} sessionLengths={mine.sessionLengths} />
                </Tab>
                <Tab eventKey="profile" title="Profile">
                  <TutorPhotoForm profile={mine} />
                  <TutorProfileForm profile={mine} />
                </Tab>
              </Tabs>
            </>
          )
        }
      </QueryState>
    </>
  );
}
