-- +goose Up
-- A mass send made for one journey or group SOP fire: sender is the guide
-- who sends it (else each customer's owner, or the group's), source_key the
-- fire's key, unique per corp so the same fire makes one send however often
-- it is acted on. Both are empty/NULL for a send made in the console.
ALTER TABLE mass_sends ADD COLUMN sender VARCHAR(64) NOT NULL DEFAULT '', ADD COLUMN source_key VARCHAR(191) NULL;
CREATE UNIQUE INDEX uk_mass_sends_source ON mass_sends (corp_id, source_key);

-- +goose Down
DROP INDEX uk_mass_sends_source ON mass_sends;
ALTER TABLE mass_sends DROP COLUMN source_key, DROP COLUMN sender;
