-- +goose Up
-- See the MySQL migration for the why.
CREATE INDEX idx_member_identities_value ON member_identities (corp_id, kind, value);

-- +goose Down
DROP INDEX idx_member_identities_value;
