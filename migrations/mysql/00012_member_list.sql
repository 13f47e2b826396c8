-- +goose Up
-- The console's member list (会员) finds members by member-number or name
-- prefix and filters them by tier, newest first: each reads one index
-- range (InnoDB's secondary keys end with the primary key, so a tier's
-- members come newest first from its range; the tier index also answers
-- the filter's choices, the distinct tiers, without reading members).
-- Home store and status already have theirs (00011). A phone is never
-- searched as text: it is found by its blind index in member_identities.
ALTER TABLE members ADD KEY idx_members_member_no (corp_id, member_no);
ALTER TABLE members ADD KEY idx_members_name (corp_id, name);
ALTER TABLE members ADD KEY idx_members_tier (corp_id, tier);

-- +goose Down
ALTER TABLE members DROP KEY idx_members_tier;
ALTER TABLE members DROP KEY idx_members_name;
ALTER TABLE members DROP KEY idx_members_member_no;
