-- Up Migration

CREATE TABLE courses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  title text NOT NULL,
  subject text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX courses_subject_idx ON courses (subject);

-- One row per user who tutors. display_name is copied from the access token on every profile write, so search
-- can match names without calling the users service.
CREATE TABLE tutors (
  user_id uuid PRIMARY KEY,
  display_name text NOT NULL,
  headline text NOT NULL,
  bio text NOT NULL DEFAULT '',
  languages text[] NOT NULL DEFAULT '{}',
  offers_online boolean NOT NULL DEFAULT true,
  meeting_link text,
  offers_in_person boolean NOT NULL DEFAULT false,
  location text,
  session_lengths integer[] NOT NULL,
  hourly_rate_cents integer NOT NULL DEFAULT 0 CHECK (hourly_rate_cents >= 0),
  auto_accept boolean NOT NULL DEFAULT true,
  max_group_size integer NOT NULL DEFAULT 1 CHECK (max_group_size BETWEEN 1 AND 50),
  cancellation_window_hours integer NOT NULL DEFAULT 24 CHECK (cancellation_window_hours >= 0),
  -- availability: the tutor's zone, the rules (validated by the service) and the booking rules
  timezone text NOT NULL DEFAULT 'UTC',
  weekly_rules jsonb NOT NULL DEFAULT '[]',
  date_overrides jsonb NOT NULL DEFAULT '[]',
  time_off jsonb NOT NULL DEFAULT '[]',
  buffer_before_minutes integer NOT NULL DEFAULT 0,
  buffer_after_minutes integer NOT NULL DEFAULT 0,
  min_notice_minutes integer NOT NULL DEFAULT 720,
  max_horizon_days integer NOT NULL DEFAULT 60,
  max_sessions_per_day integer,
  student_weekly_cap_minutes integer,
  rating_count integer NOT NULL DEFAULT 0,
  rating_sum integer NOT NULL DEFAULT 0,
  search_text text GENERATED ALWAYS AS (display_name || ' ' || headline || ' ' || bio) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tutors_search_trgm_idx ON tutors USING gin (search_text gin_trgm_ops);
CREATE INDEX tutors_languages_idx ON tutors USING gin (languages);

-- Each course a tutor offers waits for an admin; only approved ones are bookable or searchable.
CREATE TABLE tutor_courses (
  tutor_id uuid NOT NULL REFERENCES tutors (user_id) ON DELETE CASCADE,
  course_id uuid NOT NULL REFERENCES courses (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'revoked')),
  decided_at timestamptz,
  PRIMARY KEY (tutor_id, course_id)
);
CREATE INDEX tutor_courses_approved_idx ON tutor_courses (course_id, tutor_id) WHERE status = 'approved';

CREATE TABLE bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tutor_id uuid NOT NULL REFERENCES tutors (user_id),
  student_id uuid NOT NULL,
  course_id uuid NOT NULL REFERENCES courses (id),
  group_id text,
  seats integer NOT NULL DEFAULT 1 CHECK (seats BETWEEN 1 AND 50),
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined', 'cancelled', 'completed', 'no_show', 'expired')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  -- the session plus the tutor's buffers at booking time: what no other active booking of the tutor may touch
  blocked tstzrange NOT NULL,
  mode text NOT NULL CHECK (mode IN ('online', 'in_person')),
  message text NOT NULL DEFAULT '',
  expires_at timestamptz,
  cancelled_by text CHECK (cancelled_by IN ('student', 'tutor')),
  cancel_reason text,
  tutor_notes text NOT NULL DEFAULT '',
  rescheduled_from uuid REFERENCES bookings (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (tutor_id <> student_id),
  -- The backstop against double booking: pending and confirmed bookings of one tutor never overlap, buffers included.
  CONSTRAINT bookings_tutor_no_overlap EXCLUDE USING gist (tutor_id WITH =, blocked WITH &&) WHERE (status IN ('pending', 'confirmed')),
  -- nor can a student hold two overlapping sessions
  CONSTRAINT bookings_student_no_overlap EXCLUDE USING gist (student_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status IN ('pending', 'confirmed'))
);
CREATE INDEX bookings_tutor_time_idx ON bookings (tutor_id, starts_at);
CREATE INDEX bookings_student_time_idx ON bookings (student_id, starts_at);
CREATE INDEX bookings_pending_expiry_idx ON bookings (expires_at) WHERE status = 'pending';

-- Replays of POST /bookings within 24 h return the stored response; the key is per user.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash bytea NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

-- Down Migration

DROP TABLE idempotency_keys;
DROP TABLE bookings;
DROP TABLE tutor_courses;
DROP TABLE tutors;
DROP TABLE courses;
