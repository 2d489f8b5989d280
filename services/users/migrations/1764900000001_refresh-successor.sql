-- Up Migration

-- The successor of a spent refresh token, encrypted under a key derived from the spent token itself, so a second
-- tab refreshing with the same token within the grace window gets the same successor. Without the spent token
-- (which is stored only as a hash) the column is unreadable.
ALTER TABLE refresh_tokens ADD COLUMN successor_sealed bytea;

-- Why a session ended, so a later refresh can say so: 'reuse' (a spent token came back), or the person's own
-- 'logout' and the like. NULL on rows revoked before this column existed.
ALTER TABLE refresh_tokens ADD COLUMN revoked_reason text;

-- Down Migration

ALTER TABLE refresh_tokens DROP COLUMN revoked_reason;
ALTER TABLE refresh_tokens DROP COLUMN successor_sealed;
