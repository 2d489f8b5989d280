// Builds the tutoring service's Express app without listening, so tests drive it through supertest.
import type { Express } from 'express';
import { Api, authenticate, createServiceApp, type AppSettings } from '@tutoring-platform/shared';
import { services } from '@tutoring-platform/shared/catalog';
import type { TutoringDependencies } from './dependencies';
import { bookingRoutes } from './http/bookings-router';
import { calendarRoutes } from './http/calendar-router';
import { catalogRoutes } from './http/catalog-router';
import { eventRoutes } from './http/events-router';
import { reviewRoutes } from './http/reviews-router';
import { tutorRoutes } from './http/tutors-router';

/** The service's routes; also what the web app's API types are generated from. */
export function createApi(deps: TutoringDependencies): Api {
  const api = new Api(
    {
      title: 'Tutoring service',
      version: '1.0.0',
      description: 'Catalog, tutor profiles, availability, open slots, bookings and reviews.',
    },
    services.tutoring.pathPrefix,
    {
      catalog: 'Courses and subjects',
      tutors: 'Tutor profiles, search, availability, open slots and course approval',
      bookings: 'Booking, answering, moving, cancelling and closing sessions',
      reviews: 'Ratings and reviews of completed sessions',
      calendar: 'Sessions as iCalendar files and a private feed',
      events: 'Events from the platform’s other services',
    },
  );
  catalogRoutes(api, deps);
  tutorRoutes(api, deps);
  bookingRoutes(api, deps);
  reviewRoutes(api, deps);
  calendarRoutes(api, deps);
  eventRoutes(api, deps);
  return api;
}

export function createApp(deps: TutoringDependencies, settings: AppSettings): Express {
  return createServiceApp({ api: createApi(deps), ...settings, before: [authenticate(deps.resolveKey, deps.tokens)] });
}
