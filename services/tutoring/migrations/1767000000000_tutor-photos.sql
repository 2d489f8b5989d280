-- Up Migration
-- A tutor's photo lives in the object store under tutors/<user id>/<photo id>.webp; the row names the current one.
ALTER TABLE tutors ADD COLUMN photo_id text CHECK (photo_id ~ '^[A-Za-z0-9_-]{1,64}$');

-- Down Migration
ALTER TABLE tutors DROP COLUMN photo_id;
