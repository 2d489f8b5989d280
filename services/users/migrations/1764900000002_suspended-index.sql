-- Up Migration

-- Every service polls the accounts suspended in the last minutes (their access tokens stop working); this keeps
-- that query off the rest of the users table.
CREATE INDEX users_recently_suspended_idx ON users (suspended_at) WHERE status = 'suspended';

-- Down Migration

DROP INDEX users_recently_suspended_idx;
