-- Up Migration

-- Events for other services, written in the same transaction as the change they report and delivered by the relay
-- (services/postgres/src/outbox.ts): at least once, in id order per key, retried with backoff until settled.
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

-- Down Migration

DROP TABLE outbox;
