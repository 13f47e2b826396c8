-- +goose Up
-- Segments and attribution find a customer's member by the external_userid
-- alone, whatever the brand scope: the unique key starts with the scope,
-- so without this index each lookup read every key of the corp.
ALTER TABLE member_identities ADD KEY idx_member_identities_value (corp_id, kind, value);

-- +goose Down
ALTER TABLE member_identities DROP KEY idx_member_identities_value;
