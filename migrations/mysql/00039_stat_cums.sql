-- +goose Up
-- Running totals of daily_stats, so a period's sums read two rows per key
-- (the total through the period's last day less the total through the day
-- before it) instead of every day's: a 90-day ranking of 1,600 guides then
-- reads 3,200 rows, not 144,000. app/db keeps them as an index of
-- daily_stats (app/stats owns both and calls it after computing days);
-- the dashboards fall back to summing daily_stats whenever they are not
-- current.
--
-- stat_cums: for every day from the corp's first computed day to its last,
-- one row per dimension key that had a daily_stats row on or before it:
-- each figure summed over the days through this one; customers is this
-- day's value (a snapshot, 0 without a row this day); present counts the
-- days with a row, so a key with no row in a period is left out as the
-- sums over daily_stats leave it out.
CREATE TABLE stat_cums (
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
    present           BIGINT          NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, dim, day, dim_key, store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- stat_cum_marks: per corp, the first day whose running totals are stale
-- (NULL: none; every computed day moves it back to itself) and the last
-- day they were carried to. Its row is the lock that orders the carrying.
CREATE TABLE stat_cum_marks (
    corp_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    stale_from DATE            NULL,
    carried_to DATE            NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Days computed before this migration are carried from their first.
INSERT INTO stat_cum_marks (corp_id, stale_from) SELECT corp_id, MIN(day) FROM daily_stats GROUP BY corp_id;

-- +goose Down
DROP TABLE stat_cum_marks;
DROP TABLE stat_cums;
