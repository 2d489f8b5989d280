-- Up Migration

-- A private calendar feed per user: the URL's secret token is shown once; only its hash is kept.
CREATE TABLE calendar_feeds (
  user_id uuid PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE calendar_feeds;
