-- Up Migration

-- A tutor's track record, kept beside the rating so that search shows it without counting bookings per tutor.
ALTER TABLE tutors
  ADD COLUMN sessions_taught integer NOT NULL DEFAULT 0,
  -- requests the tutor confirmed or declined, and the minutes each waited for that answer
  ADD COLUMN answers_count integer NOT NULL DEFAULT 0,
  ADD COLUMN answer_minutes_sum integer NOT NULL DEFAULT 0;

UPDATE tutors t SET sessions_taught = done.n
FROM (SELECT tutor_id, count(*)::int AS n FROM bookings WHERE status = 'completed' GROUP BY tutor_id) done
WHERE done.tutor_id = t.user_id;

-- Down Migration

ALTER TABLE tutors DROP COLUMN sessions_taught, DROP COLUMN answers_count, DROP COLUMN answer_minutes_sum;
