-- +goose Up
-- WeCom's chat figures per guide and day: see the MySQL migration for the why.
CREATE TABLE behavior_days (
    corp_id INTEGER NOT NULL,
    userid VARCHAR(64) NOT NULL,
    day DATE NOT NULL,
    chat_cnt INTEGER NOT NULL DEFAULT 0,
    message_cnt INTEGER NOT NULL DEFAULT 0,
    reply_pct_bp INTEGER NULL,
    avg_reply_time_x100 INTEGER NULL,
    negative_feedback_cnt INTEGER NOT NULL DEFAULT 0,
    new_apply_cnt INTEGER NOT NULL DEFAULT 0,
    new_contact_cnt INTEGER NOT NULL DEFAULT 0,
    pulled_at DATETIME NOT NULL,
    PRIMARY KEY (corp_id, day, userid)
);

CREATE TABLE behavior_marks (
    corp_id INTEGER NOT NULL,
    userid VARCHAR(64) NOT NULL,
    through_day DATE NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (corp_id, userid)
);

CREATE TABLE behavior_pulls (
    corp_id INTEGER NOT NULL,
    day DATE NOT NULL,
    started_at DATETIME NOT NULL,
    finished_at DATETIME NULL,
    guides INTEGER NOT NULL DEFAULT 0,
    calls INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, day)
);

-- +goose Down
DROP TABLE behavior_pulls;
DROP TABLE behavior_marks;
DROP TABLE behavior_days;
