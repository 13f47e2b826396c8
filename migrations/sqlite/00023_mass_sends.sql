-- +goose Up
-- See the MySQL migration of the same number.
CREATE TABLE mass_sends (
    id              INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER     NOT NULL REFERENCES corps (id),
    scope           INTEGER     NOT NULL DEFAULT 0,
    name            VARCHAR(64) NOT NULL,
    chat_type       VARCHAR(16) NOT NULL,
    audience_kind   VARCHAR(16) NOT NULL,
    segment_id      INTEGER     NOT NULL DEFAULT 0,
    segment_version INTEGER     NOT NULL DEFAULT 0,
    tag_groups      TEXT        NULL,
    text            TEXT        NULL,
    attachments     TEXT        NULL,
    send_at         DATETIME    NOT NULL,
    holdout_percent INTEGER     NOT NULL DEFAULT 0,
    status          VARCHAR(16) NOT NULL,
    created_by      VARCHAR(96) NOT NULL,
    targeted        INTEGER     NOT NULL DEFAULT 0,
    excluded        INTEGER     NOT NULL DEFAULT 0,
    holdout         INTEGER     NOT NULL DEFAULT 0,
    chunks          INTEGER     NOT NULL DEFAULT 0,
    planned_at      DATETIME    NULL,
    finished_at     DATETIME    NULL,
    created_at      DATETIME    NOT NULL,
    updated_at      DATETIME    NOT NULL
);
CREATE INDEX idx_mass_sends_corp ON mass_sends (corp_id, status);
CREATE INDEX idx_mass_sends_due ON mass_sends (status, send_at);

CREATE TABLE mass_send_uploads (
    corp_id         INTEGER     NOT NULL,
    send_id         INTEGER     NOT NULL,
    external_userid VARCHAR(64) NOT NULL,
    PRIMARY KEY (send_id, external_userid)
);

CREATE TABLE mass_send_recipients (
    id              INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER     NOT NULL,
    send_id         INTEGER     NOT NULL,
    external_userid VARCHAR(64) NOT NULL,
    userid          VARCHAR(64) NOT NULL DEFAULT '',
    chunk           INTEGER     NOT NULL DEFAULT 0,
    excluded        VARCHAR(16) NOT NULL DEFAULT '',
    result          VARCHAR(16) NOT NULL DEFAULT '',
    planned_at      DATETIME    NOT NULL,
    result_at       DATETIME    NULL
);
CREATE UNIQUE INDEX uk_mass_send_recipients ON mass_send_recipients (send_id, external_userid);
CREATE INDEX idx_mass_send_recipients_chunk ON mass_send_recipients (send_id, userid, chunk);
CREATE INDEX idx_mass_send_recipients_customer ON mass_send_recipients (corp_id, external_userid, planned_at);

CREATE TABLE mass_send_chunks (
    id               INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id          INTEGER      NOT NULL,
    send_id          INTEGER      NOT NULL,
    userid           VARCHAR(64)  NOT NULL,
    chunk            INTEGER      NOT NULL,
    size             INTEGER      NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    msgid            VARCHAR(128) NOT NULL DEFAULT '',
    fence            INTEGER      NOT NULL DEFAULT 0,
    first_claimed_at DATETIME     NULL,
    lease_until      DATETIME     NULL,
    task_id          INTEGER      NULL,
    confirmed        BOOLEAN      NOT NULL DEFAULT 0,
    error            VARCHAR(255) NOT NULL DEFAULT '',
    settled_at       DATETIME     NULL,
    created_at       DATETIME     NOT NULL,
    updated_at       DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_mass_send_chunks ON mass_send_chunks (send_id, userid, chunk);
CREATE INDEX idx_mass_send_chunks_msgid ON mass_send_chunks (corp_id, msgid);
CREATE INDEX idx_mass_send_chunks_state ON mass_send_chunks (send_id, state);

CREATE TABLE mass_send_reminders (
    id      INTEGER  NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id INTEGER  NOT NULL,
    send_id INTEGER  NOT NULL,
    at      DATETIME NOT NULL
);
CREATE INDEX idx_mass_send_reminders ON mass_send_reminders (send_id, at);

-- +goose Down
DROP TABLE mass_send_reminders;
DROP TABLE mass_send_chunks;
DROP TABLE mass_send_recipients;
DROP TABLE mass_send_uploads;
DROP TABLE mass_sends;
