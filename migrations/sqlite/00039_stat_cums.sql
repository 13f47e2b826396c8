-- +goose Up
-- Running totals of daily_stats: see the MySQL migration for the why.
CREATE TABLE stat_cums (
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
    present INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, dim, day, dim_key, store_id)
);

CREATE TABLE stat_cum_marks (
    corp_id INTEGER NOT NULL PRIMARY KEY,
    stale_from DATE NULL,
    carried_to DATE NULL
);

INSERT INTO stat_cum_marks (corp_id, stale_from) SELECT corp_id, MIN(day) FROM daily_stats GROUP BY corp_id;

-- +goose Down
DROP TABLE stat_cum_marks;
DROP TABLE stat_cums;
