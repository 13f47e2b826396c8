-- +goose Up
-- The managers' dashboards read daily aggregates, never the ledgers: a
-- page over a million customers must answer in milliseconds. app/stats
-- owns every table here and can rebuild any day from the ledgers.
--
-- daily_stats: one row per corp, day (in the corp's zone), dimension and
-- key; the figures are columns so a period's ranking sums a few thousand
-- rows. dim is corp (dim_key ''), brand (brand id), store (store id),
-- guide (userid) or channel (channel id). store_id is the store the row
-- belongs to (a guide's store that day, the store of a channel's adds),
-- so a store manager's pages read only their store's rows; 0 for corp
-- and brand rows. reply_pct_sum / reply_time_sum are sums over guide-days
-- with WeCom figures (reply_pct_n / reply_time_n of them): a percentage
-- or an average cannot be summed, their parts can. Percentages are kept
-- in basis points (1% = 100), minutes in hundredths.
CREATE TABLE daily_stats (
    corp_id           BIGINT UNSIGNED NOT NULL,
    day               DATE            NOT NULL,
    dim               VARCHAR(8)      NOT NULL,
    dim_key           VARCHAR(64)     NOT NULL,
    store_id          BIGINT UNSIGNED NOT NULL DEFAULT 0,
    adds              BIGINT          NOT NULL DEFAULT 0,
    ends              BIGINT          NOT NULL DEFAULT 0,
    removals          BIGINT          NOT NULL DEFAULT 0,
    welcomes          BIGINT          NOT NULL DEFAULT 0,
    welcomes_sent     BIGINT          NOT NULL DEFAULT 0,
    tasks_due         BIGINT          NOT NULL DEFAULT 0,
    tasks_done        BIGINT          NOT NULL DEFAULT 0,
    tasks_overdue     BIGINT          NOT NULL DEFAULT 0,
    ms_tasks          BIGINT          NOT NULL DEFAULT 0,
    ms_confirmed      BIGINT          NOT NULL DEFAULT 0,
    ms_planned        BIGINT          NOT NULL DEFAULT 0,
    ms_delivered      BIGINT          NOT NULL DEFAULT 0,
    sop_due           BIGINT          NOT NULL DEFAULT 0,
    sop_done          BIGINT          NOT NULL DEFAULT 0,
    orders            BIGINT          NOT NULL DEFAULT 0,
    sales_cents       BIGINT          NOT NULL DEFAULT 0,
    refund_cents      BIGINT          NOT NULL DEFAULT 0,
    first_orders      BIGINT          NOT NULL DEFAULT 0,
    helps             BIGINT          NOT NULL DEFAULT 0,
    chat_cnt          BIGINT          NOT NULL DEFAULT 0,
    message_cnt       BIGINT          NOT NULL DEFAULT 0,
    reply_pct_sum     BIGINT          NOT NULL DEFAULT 0,
    reply_pct_n       BIGINT          NOT NULL DEFAULT 0,
    reply_time_sum    BIGINT          NOT NULL DEFAULT 0,
    reply_time_n      BIGINT          NOT NULL DEFAULT 0,
    negative_feedback BIGINT          NOT NULL DEFAULT 0,
    new_apply         BIGINT          NOT NULL DEFAULT 0,
    new_contact       BIGINT          NOT NULL DEFAULT 0,
    customers         BIGINT          NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, dim, day, dim_key, store_id),
    KEY idx_daily_stats_store (corp_id, dim, store_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- daily_credits: credited revenue per day, rule version, team and store,
-- for every rule version with credits (业绩归属 compares versions).
CREATE TABLE daily_credits (
    corp_id      BIGINT UNSIGNED NOT NULL,
    rules_id     BIGINT UNSIGNED NOT NULL,
    day          DATE            NOT NULL,
    team         VARCHAR(8)      NOT NULL,
    store_id     BIGINT UNSIGNED NOT NULL DEFAULT 0,
    orders       BIGINT          NOT NULL DEFAULT 0,
    sales_cents  BIGINT          NOT NULL DEFAULT 0,
    refund_cents BIGINT          NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, rules_id, day, team, store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- asset_snapshots: members by home store, RFM class and lifecycle stage
-- as they stood when the day was computed (RFM is a state, not a
-- ledger: a past day cannot be recomputed, only kept).
CREATE TABLE asset_snapshots (
    corp_id  BIGINT UNSIGNED NOT NULL,
    day      DATE            NOT NULL,
    store_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
    class    VARCHAR(16)     NOT NULL,
    stage    VARCHAR(16)     NOT NULL,
    members  BIGINT          NOT NULL,
    PRIMARY KEY (corp_id, day, store_id, class, stage)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- contact_ends: every relation WeCom said ended, once per event (the
-- follows mirror keeps only the latest state: a re-add erases the
-- deletion). by is customer (they deleted the guide: 流失) or guide.
CREATE TABLE contact_ends (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    event_key       VARCHAR(96)     NOT NULL,
    userid          VARCHAR(64)     NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    store_id        BIGINT UNSIGNED NOT NULL DEFAULT 0,
    ended_by        VARCHAR(8)      NOT NULL,
    at              DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_contact_ends_event (corp_id, event_key),
    KEY idx_contact_ends_at (corp_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- stats_days: when each day of a corp was last computed, and how long
-- it took, for the console's progress and the nightly run's catch-up.
CREATE TABLE stats_days (
    corp_id     BIGINT UNSIGNED NOT NULL,
    day         DATE            NOT NULL,
    computed_at DATETIME(3)     NOT NULL,
    duration_ms BIGINT          NOT NULL,
    row_count   BIGINT          NOT NULL,
    PRIMARY KEY (corp_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The nightly aggregation reads one day of each ledger by its time: the
-- indexes those ranges need that the ledgers' own readers did not (the
-- recipients' cover the columns counted, a mass send plans a million in a
-- day).
ALTER TABLE welcome_sends ADD KEY idx_welcome_sends_created (corp_id, created_at);
ALTER TABLE guide_tasks ADD KEY idx_guide_tasks_due (corp_id, due_at), ADD KEY idx_guide_tasks_done (corp_id, done_at);
ALTER TABLE mass_send_chunks ADD KEY idx_mass_send_chunks_created (corp_id, created_at);
ALTER TABLE mass_send_recipients ADD KEY idx_mass_send_recipients_planned (corp_id, planned_at, excluded, userid),
    ADD KEY idx_mass_send_recipients_result (corp_id, result_at, result, userid);
ALTER TABLE group_sop_fires ADD KEY idx_group_sop_fires_due (corp_id, due_at);
ALTER TABLE referral_helps ADD KEY idx_referral_helps_credited (corp_id, status, credited_at);

-- +goose Down
ALTER TABLE referral_helps DROP KEY idx_referral_helps_credited;
ALTER TABLE group_sop_fires DROP KEY idx_group_sop_fires_due;
ALTER TABLE mass_send_recipients DROP KEY idx_mass_send_recipients_planned, DROP KEY idx_mass_send_recipients_result;
ALTER TABLE mass_send_chunks DROP KEY idx_mass_send_chunks_created;
ALTER TABLE guide_tasks DROP KEY idx_guide_tasks_due, DROP KEY idx_guide_tasks_done;
ALTER TABLE welcome_sends DROP KEY idx_welcome_sends_created;
DROP TABLE stats_days;
DROP TABLE contact_ends;
DROP TABLE asset_snapshots;
DROP TABLE daily_credits;
DROP TABLE daily_stats;
