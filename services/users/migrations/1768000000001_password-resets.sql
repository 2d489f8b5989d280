-- Up Migration

-- Password reset links: only the SHA-256 of each 256-bit token is kept; a link works once, for 30 minutes.
CREATE TABLE password_resets (
  token_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_by_user ON password_resets (user_id);

-- Down Migration

DROP TABLE password_resets;
