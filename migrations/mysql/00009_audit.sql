-- +goose Up
-- The console's audit log (审计日志) filters a corp's entries by who acted,
-- by action and by time, newest first: each filter reads one index range
-- (the actor and action indexes also answer the filter's choices, the
-- distinct actors and actions, without reading entries).
ALTER TABLE audit_entries ADD KEY idx_audit_entries_actor (corp_id, actor, id);
ALTER TABLE audit_entries ADD KEY idx_audit_entries_action (corp_id, action, id);
ALTER TABLE audit_entries ADD KEY idx_audit_entries_time (corp_id, created_at);

-- +goose Down
ALTER TABLE audit_entries DROP KEY idx_audit_entries_time;
ALTER TABLE audit_entries DROP KEY idx_audit_entries_action;
ALTER TABLE audit_entries DROP KEY idx_audit_entries_actor;
