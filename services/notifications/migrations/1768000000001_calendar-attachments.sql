-- Up Migration

-- The session a notification confirms, as its email's calendar attachment (.ics).
ALTER TABLE notifications ADD COLUMN calendar jsonb;

-- Down Migration

ALTER TABLE notifications DROP COLUMN calendar;
