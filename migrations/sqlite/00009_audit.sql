-- +goose Up
-- See the MySQL migration for the why.
CREATE INDEX idx_audit_entries_actor ON audit_entries (corp_id, actor, id);
CREATE INDEX idx_audit_entries_action ON audit_entries (corp_id, action, id);
CREATE INDEX idx_audit_entries_time ON audit_entries (corp_id, created_at);

-- +goose Down
DROP INDEX idx_audit_entries_time;
DROP INDEX idx_audit_entries_action;
DROP INDEX idx_audit_entries_actor;
