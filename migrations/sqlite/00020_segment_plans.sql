-- +goose Up
-- See the MySQL migration for the why.
CREATE INDEX idx_member_rfm_corp_stage ON member_rfm (corp_id, stage);
CREATE INDEX idx_member_rfm_corp_class ON member_rfm (corp_id, class);
CREATE INDEX idx_follows_added ON follows (corp_id, add_time);
DROP INDEX idx_follows_customer;
CREATE INDEX idx_follows_customer ON follows (corp_id, external_userid, deleted_at, add_time, userid);
DROP INDEX idx_customer_owners_customer;
CREATE INDEX idx_customer_owners_customer ON customer_owners (corp_id, external_userid, store_id, status, userid, channel_id);
DROP INDEX idx_member_identities_value;
CREATE INDEX idx_member_identities_value ON member_identities (corp_id, kind, value, member_id);
DROP INDEX idx_member_identities_member;
CREATE INDEX idx_member_identities_member ON member_identities (corp_id, member_id, kind, value);

-- +goose Down
DROP INDEX idx_member_identities_member;
CREATE INDEX idx_member_identities_member ON member_identities (corp_id, member_id);
DROP INDEX idx_member_identities_value;
CREATE INDEX idx_member_identities_value ON member_identities (corp_id, kind, value);
DROP INDEX idx_customer_owners_customer;
CREATE INDEX idx_customer_owners_customer ON customer_owners (corp_id, external_userid);
DROP INDEX idx_follows_customer;
CREATE INDEX idx_follows_customer ON follows (corp_id, external_userid);
DROP INDEX idx_follows_added;
DROP INDEX idx_member_rfm_corp_class;
DROP INDEX idx_member_rfm_corp_stage;
