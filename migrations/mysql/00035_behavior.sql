-- +goose Up
-- WeCom's own chat figures per guide and day (联系客户统计,
-- get_user_behavior_data), pulled nightly one guide a call by
-- app/behavior, which owns every table here. day is WeCom's statistics
-- day (Beijing time): WeCom counts whole days and cannot be re-bucketed
-- into another zone. reply_pct_bp is reply_percentage in basis points
-- (1% = 100), avg_reply_time_x100 the mean first reply in hundredths of
-- a minute; both NULL when WeCom left them out (no chat a customer began
-- that day), which is not 0. app/stats reads the rows by (corp_id, day).
CREATE TABLE behavior_days (
    corp_id               BIGINT UNSIGNED NOT NULL,
    userid                VARCHAR(64)     NOT NULL,
    day                   DATE            NOT NULL,
    chat_cnt              BIGINT          NOT NULL DEFAULT 0,
    message_cnt           BIGINT          NOT NULL DEFAULT 0,
    reply_pct_bp          INT             NULL,
    avg_reply_time_x100   BIGINT          NULL,
    negative_feedback_cnt BIGINT          NOT NULL DEFAULT 0,
    new_apply_cnt         BIGINT          NOT NULL DEFAULT 0,
    new_contact_cnt       BIGINT          NOT NULL DEFAULT 0,
    pulled_at             DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, day, userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- behavior_marks: the last day stored of each guide, moved in the
-- transaction that stores a span, so a pull cut short (a crash, WeCom's
-- rate limit) resumes after the last span it stored.
CREATE TABLE behavior_marks (
    corp_id     BIGINT UNSIGNED NOT NULL,
    userid      VARCHAR(64)     NOT NULL,
    through_day DATE            NOT NULL,
    updated_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- behavior_pulls: each corp's nightly pull by the day (corp zone) it ran
-- on; finished_at is set once every guide was taken, so the scheduler's
-- tick starts a corp's pull once a day, and again after a lost task.
CREATE TABLE behavior_pulls (
    corp_id     BIGINT UNSIGNED NOT NULL,
    day         DATE            NOT NULL,
    started_at  DATETIME(3)     NOT NULL,
    finished_at DATETIME(3)     NULL,
    guides      INT             NOT NULL DEFAULT 0,
    calls       INT             NOT NULL DEFAULT 0,
    skipped     INT             NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE behavior_pulls;
DROP TABLE behavior_marks;
DROP TABLE behavior_days;
