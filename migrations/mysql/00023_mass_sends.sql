-- +goose Up
-- Mass sends (群发): what an operator asked for and its counts.
CREATE TABLE mass_sends (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    scope           BIGINT          NOT NULL DEFAULT 0,
    name            VARCHAR(64)     NOT NULL,
    chat_type       VARCHAR(16)     NOT NULL,
    audience_kind   VARCHAR(16)     NOT NULL,
    segment_id      BIGINT          NOT NULL DEFAULT 0,
    segment_version INT             NOT NULL DEFAULT 0,
    tag_groups      TEXT            NULL,
    text            TEXT            NULL,
    attachments     TEXT            NULL,
    send_at         DATETIME(3)     NOT NULL,
    holdout_percent INT             NOT NULL DEFAULT 0,
    status          VARCHAR(16)     NOT NULL,
    created_by      VARCHAR(96)     NOT NULL,
    targeted        BIGINT          NOT NULL DEFAULT 0,
    excluded        BIGINT          NOT NULL DEFAULT 0,
    holdout         BIGINT          NOT NULL DEFAULT 0,
    chunks          BIGINT          NOT NULL DEFAULT 0,
    planned_at      DATETIME(3)     NULL,
    finished_at     DATETIME(3)     NULL,
    created_at      DATETIME(3)     NOT NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_mass_sends_corp (corp_id, status),
    KEY idx_mass_sends_due (status, send_at),
    CONSTRAINT fk_mass_sends_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An uploaded list's customers, read by the planner's INSERT … SELECT.
CREATE TABLE mass_send_uploads (
    corp_id         BIGINT UNSIGNED NOT NULL,
    send_id         BIGINT UNSIGNED NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    PRIMARY KEY (send_id, external_userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every targeted customer once: in one chunk of their guide (chunk ≥ 1)
-- or excluded with a reason (chunk 0); result is WeCom's outcome.
CREATE TABLE mass_send_recipients (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    send_id         BIGINT UNSIGNED NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    userid          VARCHAR(64)     NOT NULL DEFAULT '',
    chunk           INT             NOT NULL DEFAULT 0,
    excluded        VARCHAR(16)     NOT NULL DEFAULT '',
    result          VARCHAR(16)     NOT NULL DEFAULT '',
    planned_at      DATETIME(3)     NOT NULL,
    result_at       DATETIME(3)     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_mass_send_recipients (send_id, external_userid),
    KEY idx_mass_send_recipients_chunk (send_id, userid, chunk),
    KEY idx_mass_send_recipients_customer (corp_id, external_userid, planned_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The ledger: one row per (send, guide, chunk), each a WeCom task.
CREATE TABLE mass_send_chunks (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id          BIGINT UNSIGNED NOT NULL,
    send_id          BIGINT UNSIGNED NOT NULL,
    userid           VARCHAR(64)     NOT NULL,
    chunk            INT             NOT NULL,
    size             INT             NOT NULL,
    state            VARCHAR(16)     NOT NULL,
    msgid            VARCHAR(128)    NOT NULL DEFAULT '',
    fence            BIGINT          NOT NULL DEFAULT 0,
    first_claimed_at DATETIME(3)     NULL,
    lease_until      DATETIME(3)     NULL,
    task_id          BIGINT          NULL,
    confirmed        BOOLEAN         NOT NULL DEFAULT 0,
    error            VARCHAR(255)    NOT NULL DEFAULT '',
    settled_at       DATETIME(3)     NULL,
    created_at       DATETIME(3)     NOT NULL,
    updated_at       DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_mass_send_chunks (send_id, userid, chunk),
    KEY idx_mass_send_chunks_msgid (corp_id, msgid),
    KEY idx_mass_send_chunks_state (send_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Reminders sent for a send (3 in 24 hours at most).
CREATE TABLE mass_send_reminders (
    id      BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id BIGINT UNSIGNED NOT NULL,
    send_id BIGINT UNSIGNED NOT NULL,
    at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_mass_send_reminders (send_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE mass_send_reminders;
DROP TABLE mass_send_chunks;
DROP TABLE mass_send_recipients;
DROP TABLE mass_send_uploads;
DROP TABLE mass_sends;
