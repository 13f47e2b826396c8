-- +goose Up
-- Reminders: see the MySQL migration of the same number for the why.
CREATE TABLE reminder_batches (
    id         INTEGER       NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER       NOT NULL REFERENCES corps (id),
    userid     VARCHAR(64)   NOT NULL,
    batch_key  VARCHAR(64)   NOT NULL,
    items      INTEGER       NOT NULL,
    status     VARCHAR(16)   NOT NULL,
    title      VARCHAR(128)  NOT NULL,
    body       TEXT          NOT NULL,
    url        VARCHAR(1024) NOT NULL,
    msgid      VARCHAR(64)   NOT NULL DEFAULT '',
    error      VARCHAR(255)  NOT NULL DEFAULT '',
    attempts   INTEGER       NOT NULL DEFAULT 0,
    created_at DATETIME      NOT NULL,
    sent_at    DATETIME      NULL
);
CREATE UNIQUE INDEX uk_reminder_batches_key ON reminder_batches (corp_id, userid, batch_key);
CREATE INDEX idx_reminder_batches_status ON reminder_batches (corp_id, status);

CREATE TABLE reminder_items (
    corp_id  INTEGER NOT NULL,
    task_id  INTEGER NOT NULL,
    batch_id INTEGER NOT NULL,
    PRIMARY KEY (corp_id, task_id)
);
CREATE INDEX idx_reminder_items_batch ON reminder_items (batch_id);

-- +goose Down
DROP TABLE reminder_items;
DROP TABLE reminder_batches;
