-- Up Migration

-- An email counts as confirmed once a link sent to it was followed. Administrators come from configuration.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
UPDATE users SET email_verified_at = created_at WHERE role = 'admin';

-- Links that confirm an address: the account's own (at sign-up) or a new one it asked to change to, which takes
-- effect only when confirmed. Only the SHA-256 of each 256-bit token is kept.
CREATE TABLE email_verifications (
  token_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(btrim(email))),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_verifications_by_user ON email_verifications (user_id, created_at);

-- Two-step sign-in (TOTP, RFC 6238). The pending secret waits for its first code; the last accepted time step
-- is kept so that a code works once.
ALTER TABLE users
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_pending_secret text,
  ADD COLUMN totp_last_step bigint;

-- One-time recovery codes: 80 random bits each, so their SHA-256 is enough.
CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash bytea NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- Between a right password and the second step: a short-lived challenge that dies after a few wrong codes.
CREATE TABLE sign_in_challenges (
  token_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  failures integer NOT NULL DEFAULT 0
);

-- A session signed in with both steps stays so through every refresh.
ALTER TABLE refresh_tokens ADD COLUMN second_factor boolean NOT NULL DEFAULT false;

-- Down Migration

ALTER TABLE refresh_tokens DROP COLUMN second_factor;
DROP TABLE sign_in_challenges;
DROP TABLE recovery_codes;
ALTER TABLE users DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_last_step;
DROP TABLE email_verifications;
ALTER TABLE users DROP COLUMN email_verified_at;
