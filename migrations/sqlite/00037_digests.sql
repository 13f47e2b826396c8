-- +goose Up
-- The daily digest's ledger: see the MySQL migration for the why.
CREATE TABLE digest_sends (
    id         INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER      NOT NULL REFERENCES corps (id),
    day        CHAR(10)     NOT NULL,
    userid     VARCHAR(64)  NOT NULL,
    store_id   INTEGER      NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    title      VARCHAR(128) NOT NULL,
    body       TEXT         NOT NULL,
    url        VARCHAR(512) NOT NULL DEFAULT '',
    msgid      VARCHAR(128) NOT NULL DEFAULT '',
    error      VARCHAR(255) NOT NULL DEFAULT '',
    attempts   INTEGER      NOT NULL DEFAULT 0,
    created_at DATETIME     NOT NULL,
    sent_at    DATETIME     NULL
);
CREATE UNIQUE INDEX uk_digest_sends_day ON digest_sends (corp_id, day, userid);
CREATE INDEX idx_digest_sends_status ON digest_sends (corp_id, status, created_at);

-- +goose Down
DROP TABLE digest_sends;
