-- +goose Up
-- See the MySQL migration for the why of each change.
CREATE INDEX idx_customers_name ON customers (corp_id, name);
CREATE INDEX idx_follows_remark ON follows (corp_id, remark);
CREATE INDEX idx_follow_tags_customer ON follow_tags (corp_id, external_userid, tag_id);
ALTER TABLE admin_users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE admin_users DROP COLUMN must_change_password;
DROP INDEX idx_follow_tags_customer;
DROP INDEX idx_follows_remark;
DROP INDEX idx_customers_name;
