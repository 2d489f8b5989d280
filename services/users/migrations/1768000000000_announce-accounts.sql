-- Up Migration

-- The notifications service starts knowing every account made before it existed: one `account-changed` event each,
-- delivered by the outbox relay like those of accounts made or changed from now on (user-repository.ts).
INSERT INTO outbox (destination, key, type, data)
SELECT 'notifications', id::text, 'account-changed',
       jsonb_build_object('userId', id, 'email', email, 'displayName', display_name, 'timezone', timezone)
FROM users ORDER BY created_at;

-- Down Migration

DELETE FROM outbox WHERE destination = 'notifications' AND type = 'account-changed' AND settled_at IS NULL;
