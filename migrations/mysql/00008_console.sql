-- +goose Up
-- The console's customer list: search by name and remark prefix, and a tag
-- filter that asks whether a customer carries a tag from any member.
ALTER TABLE customers ADD KEY idx_customers_name (corp_id, name);
ALTER TABLE follows ADD KEY idx_follows_remark (corp_id, remark);
ALTER TABLE follow_tags ADD KEY idx_follow_tags_customer (corp_id, external_userid, tag_id);

-- A console user whose password someone else chose (the first admin's
-- one-time password, a reset) sets their own before anything else.
ALTER TABLE admin_users ADD COLUMN must_change_password TINYINT(1) NOT NULL DEFAULT 0 AFTER disabled;

-- +goose Down
ALTER TABLE admin_users DROP COLUMN must_change_password;
ALTER TABLE follow_tags DROP KEY idx_follow_tags_customer;
ALTER TABLE follows DROP KEY idx_follows_remark;
ALTER TABLE customers DROP KEY idx_customers_name;
