-- +goose Up
-- A segment is read from the rows of its most selective condition, and the
-- others are tested customer by customer (app/db/segment_plan.go). Reading
-- first needs an index on the condition's column: lifecycle stage and RFM
-- class whatever the brand scope, and the date a customer was added.
ALTER TABLE member_rfm ADD KEY idx_member_rfm_corp_stage (corp_id, stage),
    ADD KEY idx_member_rfm_corp_class (corp_id, class);
ALTER TABLE follows ADD KEY idx_follows_added (corp_id, add_time);
-- Testing a customer is one lookup by external_userid; these indexes hold
-- every column a condition reads, so the lookup never goes on to the row
-- (a second search of the table, by a string key for customer_owners).
ALTER TABLE follows DROP KEY idx_follows_customer,
    ADD KEY idx_follows_customer (corp_id, external_userid, deleted_at, add_time, userid);
ALTER TABLE customer_owners DROP KEY idx_customer_owners_customer,
    ADD KEY idx_customer_owners_customer (corp_id, external_userid, store_id, status, userid, channel_id);
ALTER TABLE member_identities DROP KEY idx_member_identities_value,
    ADD KEY idx_member_identities_value (corp_id, kind, value, member_id),
    DROP KEY idx_member_identities_member,
    ADD KEY idx_member_identities_member (corp_id, member_id, kind, value);

-- +goose Down
ALTER TABLE member_identities DROP KEY idx_member_identities_member,
    ADD KEY idx_member_identities_member (corp_id, member_id),
    DROP KEY idx_member_identities_value,
    ADD KEY idx_member_identities_value (corp_id, kind, value);
ALTER TABLE customer_owners DROP KEY idx_customer_owners_customer,
    ADD KEY idx_customer_owners_customer (corp_id, external_userid);
ALTER TABLE follows DROP KEY idx_follows_customer,
    ADD KEY idx_follows_customer (corp_id, external_userid);
ALTER TABLE follows DROP KEY idx_follows_added;
ALTER TABLE member_rfm DROP KEY idx_member_rfm_corp_class, DROP KEY idx_member_rfm_corp_stage;
