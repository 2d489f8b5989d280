-- Up Migration

-- One review per completed booking, by its student; the tutor may reply. Tutors keep running totals so search can
-- sort and filter by rating without aggregating.
CREATE TABLE reviews (
  booking_id uuid PRIMARY KEY REFERENCES bookings (id),
  tutor_id uuid NOT NULL REFERENCES tutors (user_id),
  student_id uuid NOT NULL,
  course_id uuid NOT NULL REFERENCES courses (id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  body text NOT NULL DEFAULT '',
  reply text,
  replied_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_tutor_idx ON reviews (tutor_id, created_at DESC, booking_id DESC);
CREATE INDEX reviews_course_idx ON reviews (course_id);

-- Down Migration

DROP TABLE reviews;
