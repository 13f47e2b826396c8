-- +goose Up
-- The console's member list: see the MySQL migration for the why. SQLite
-- ends every index with the rowid, as InnoDB does with the primary key.
CREATE INDEX idx_members_member_no ON members (corp_id, member_no);
CREATE INDEX idx_members_name ON members (corp_id, name);
CREATE INDEX idx_members_tier ON members (corp_id, tier);

-- +goose Down
DROP INDEX idx_members_tier;
DROP INDEX idx_members_name;
DROP INDEX idx_members_member_no;
