-- +goose Up
-- The managers' daily aggregates: see the MySQL migration for the why.
CREATE TABLE daily_stats (
    corp_id INTEGER NOT NULL,
    day DATE NOT NULL,
    dim VARCHAR(8) NOT NULL,
    dim_key VARCHAR(64) NOT NULL,
    store_id INTEGER NOT NULL DEFAULT 0,
    adds INTEGER NOT NULL DEFAULT 0,
    ends INTEGER NOT NULL DEFAULT 0,
    removals INTEGER NOT NULL DEFAULT 0,
    welcomes INTEGER NOT NULL DEFAULT 0,
    welcomes_sent INTEGER NOT NULL DEFAULT 0,
    tasks_due INTEGER NOT NULL DEFAULT 0,
    tasks_done INTEGER NOT NULL DEFAULT 0,
    tasks_overdue INTEGER NOT NULL DEFAULT 0,
    ms_tasks INTEGER NOT NULL DEFAULT 0,
    ms_confirmed INTEGER NOT NULL DEFAULT 0,
    ms_planned INTEGER NOT NULL DEFAULT 0,
    ms_delivered INTEGER NOT NULL DEFAULT 0,
    sop_due INTEGER NOT NULL DEFAULT 0,
    sop_done INTEGER NOT NULL DEFAULT 0,
    orders INTEGER NOT NULL DEFAULT 0,
    sales_cents INTEGER NOT NULL DEFAULT 0,
    refund_cents INTEGER NOT NULL DEFAULT 0,
    first_orders INTEGER NOT NULL DEFAULT 0,
    helps INTEGER NOT NULL DEFAULT 0,
    chat_cnt INTEGER NOT NULL DEFAULT 0,
    message_cnt INTEGER NOT NULL DEFAULT 0,
    reply_pct_sum INTEGER NOT NULL DEFAULT 0,
    reply_pct_n INTEGER NOT NULL DEFAULT 0,
    reply_time_sum INTEGER NOT NULL DEFAULT 0,
    reply_time_n INTEGER NOT NULL DEFAULT 0,
    negative_feedback INTEGER NOT NULL DEFAULT 0,
    new_apply INTEGER NOT NULL DEFAULT 0,
    new_contact INTEGER NOT NULL DEFAULT 0,
    customers INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, dim, day, dim_key, store_id)
);
CREATE INDEX idx_daily_stats_store ON daily_stats (corp_id, dim, store_id, day);

CREATE TABLE daily_credits (
    corp_id INTEGER NOT NULL,
    rules_id INTEGER NOT NULL,
    day DATE NOT NULL,
    team VARCHAR(8) NOT NULL,
    store_id INTEGER NOT NULL DEFAULT 0,
    orders INTEGER NOT NULL DEFAULT 0,
    sales_cents INTEGER NOT NULL DEFAULT 0,
    refund_cents INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, rules_id, day, team, store_id)
);

CREATE TABLE asset_snapshots (
    corp_id INTEGER NOT NULL,
    day DATE NOT NULL,
    store_id INTEGER NOT NULL DEFAULT 0,
    class VARCHAR(16) NOT NULL,
    stage VARCHAR(16) NOT NULL,
    members INTEGER NOT NULL,
    PRIMARY KEY (corp_id, day, store_id, class, stage)
);

CREATE TABLE contact_ends (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id INTEGER NOT NULL,
    event_key VARCHAR(96) NOT NULL,
    userid VARCHAR(64) NOT NULL,
    external_userid VARCHAR(64) NOT NULL,
    store_id INTEGER NOT NULL DEFAULT 0,
    ended_by VARCHAR(8) NOT NULL,
    at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uk_contact_ends_event ON contact_ends (corp_id, event_key);
CREATE INDEX idx_contact_ends_at ON contact_ends (corp_id, at);

CREATE TABLE stats_days (
    corp_id INTEGER NOT NULL,
    day DATE NOT NULL,
    computed_at DATETIME NOT NULL,
    duration_ms INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    PRIMARY KEY (corp_id, day)
);

-- The ledgers' time ranges the nightly aggregation reads.
CREATE INDEX idx_welcome_sends_created ON welcome_sends (corp_id, created_at);
CREATE INDEX idx_guide_tasks_due ON guide_tasks (corp_id, due_at);
CREATE INDEX idx_guide_tasks_done ON guide_tasks (corp_id, done_at);
CREATE INDEX idx_mass_send_chunks_created ON mass_send_chunks (corp_id, created_at);
CREATE INDEX idx_mass_send_recipients_planned ON mass_send_recipients (corp_id, planned_at, excluded, userid);
CREATE INDEX idx_mass_send_recipients_result ON mass_send_recipients (corp_id, result_at, result, userid);
CREATE INDEX idx_group_sop_fires_due ON group_sop_fires (corp_id, due_at);
CREATE INDEX idx_referral_helps_credited ON referral_helps (corp_id, status, credited_at);

-- +goose Down
DROP INDEX idx_referral_helps_credited;
DROP INDEX idx_group_sop_fires_due;
DROP INDEX idx_mass_send_recipients_result;
DROP INDEX idx_mass_send_recipients_planned;
DROP INDEX idx_mass_send_chunks_created;
DROP INDEX idx_guide_tasks_done;
DROP INDEX idx_guide_tasks_due;
DROP INDEX idx_welcome_sends_created;
DROP TABLE stats_days;
DROP TABLE contact_ends;
DROP TABLE asset_snapshots;
DROP TABLE daily_credits;
DROP TABLE daily_stats;
