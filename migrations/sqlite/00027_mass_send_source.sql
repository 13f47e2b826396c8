-- +goose Up
-- See the MySQL migration of the same number.
ALTER TABLE mass_sends ADD COLUMN sender VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE mass_sends ADD COLUMN source_key VARCHAR(191) NULL;
CREATE UNIQUE INDEX uk_mass_sends_source ON mass_sends (corp_id, source_key);

-- +goose Down
DROP INDEX uk_mass_sends_source;
ALTER TABLE mass_sends DROP COLUMN source_key;
ALTER TABLE mass_sends DROP COLUMN sender;
