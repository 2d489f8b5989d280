-- Up Migration

-- Failed logins per account ('email:<address>') and per client ('ip:<address>'), counted in the same statement
-- that admits an attempt. login_failures is no longer written; it is dropped once no running release reads it.
CREATE TABLE login_attempts (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL
);

-- Down Migration

DROP TABLE login_attempts;
