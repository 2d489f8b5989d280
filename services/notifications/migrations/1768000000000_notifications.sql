-- Up Migration

-- The people the platform writes to, as the users service reports them (`account-changed` events): where to send
-- email, what to call them and in which zone to write times. The token makes one-click unsubscribe links.
CREATE TABLE recipients (
  user_id uuid PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  timezone text NOT NULL,
  unsubscribe_token text NOT NULL UNIQUE,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Each person's inbox: what happened, written in their zone when it happened.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  type text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  link text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Email types a person turned off (every type is on until then).
CREATE TABLE email_opt_outs (
  user_id uuid NOT NULL,
  type text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, type)
);

-- Reminders before a session: one row per session and kind, sent once by whichever instance claims it first.
CREATE TABLE reminders (
  booking_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('day', 'hour')),
  due_at timestamptz NOT NULL,
  session jsonb NOT NULL,
  sent_at timestamptz,
  PRIMARY KEY (booking_id, kind)
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE sent_at IS NULL;

-- Email to send, written with the notification it tells of (services/postgres/src/outbox.ts), and the events
-- from other services already applied.
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  destination text NOT NULL,
  key text NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  leased_until timestamptz,
  settled_at timestamptz,
  outcome text CHECK (outcome IN ('delivered', 'rejected')),
  last_error text
);
CREATE INDEX outbox_unsettled ON outbox (key, id) WHERE settled_at IS NULL;
CREATE INDEX outbox_settled ON outbox (settled_at) WHERE settled_at IS NOT NULL;

CREATE TABLE inbox (
  source text NOT NULL,
  event_id bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, event_id)
);

-- Down Migration

DROP TABLE inbox;
DROP TABLE outbox;
DROP TABLE reminders;
DROP TABLE email_opt_outs;
DROP TABLE notifications;
DROP TABLE recipients;
