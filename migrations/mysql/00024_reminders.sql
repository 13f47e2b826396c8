-- +goose Up
-- Reminders (提醒记录): one app message to a guide listing their new open
-- tasks. The key is unique per corp and guide, so a batch is claimed once
-- however many sweepers run; title, body and url are the message as sent,
-- so a batch sent again after a crash is the same request (WeCom's
-- duplicate check delivers it once).
CREATE TABLE reminder_batches (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    userid     VARCHAR(64)     NOT NULL,
    batch_key  VARCHAR(64)     NOT NULL,
    items      INT             NOT NULL,
    status     VARCHAR(16)     NOT NULL,
    title      VARCHAR(128)    NOT NULL,
    body       TEXT            NOT NULL,
    url        VARCHAR(1024)   NOT NULL,
    msgid      VARCHAR(64)     NOT NULL DEFAULT '',
    error      VARCHAR(255)    NOT NULL DEFAULT '',
    attempts   INT             NOT NULL DEFAULT 0,
    created_at DATETIME(3)     NOT NULL,
    sent_at    DATETIME(3)     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_reminder_batches_key (corp_id, userid, batch_key),
    KEY idx_reminder_batches_status (corp_id, status),
    CONSTRAINT fk_reminder_batches_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A task is listed in one batch only: its row is written with the batch.
CREATE TABLE reminder_items (
    corp_id  BIGINT UNSIGNED NOT NULL,
    task_id  BIGINT UNSIGNED NOT NULL,
    batch_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (corp_id, task_id),
    KEY idx_reminder_items_batch (batch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE reminder_items;
DROP TABLE reminder_batches;
