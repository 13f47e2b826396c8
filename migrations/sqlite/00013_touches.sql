-- +goose Up
-- The touch ledger and share links: see the MySQL migration for the why.
CREATE TABLE touches (
    id              INTEGER       NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER       NOT NULL REFERENCES corps (id),
    kind            VARCHAR(16)   NOT NULL,
    source_id       VARCHAR(200)  NOT NULL,
    external_userid VARCHAR(64)   NOT NULL DEFAULT '',
    member_id       INTEGER       NULL,
    userid          VARCHAR(64)   NOT NULL DEFAULT '',
    store_id        INTEGER       NULL,
    channel_id      INTEGER       NULL,
    state           VARCHAR(64)   NOT NULL DEFAULT '',
    self_reported   BOOLEAN       NOT NULL DEFAULT 0,
    detail          VARCHAR(1024) NOT NULL DEFAULT '',
    at              DATETIME      NOT NULL,
    created_at      DATETIME      NOT NULL
);
CREATE UNIQUE INDEX uk_touches_source ON touches (corp_id, source_id);
CREATE INDEX idx_touches_customer ON touches (corp_id, external_userid, at);
CREATE INDEX idx_touches_member ON touches (corp_id, member_id, at);
CREATE INDEX idx_touches_guide ON touches (corp_id, userid, at);
CREATE INDEX idx_touches_kind ON touches (corp_id, kind, at);

CREATE TABLE share_links (
    id         INTEGER       NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER       NOT NULL REFERENCES corps (id),
    code       VARCHAR(16)   NOT NULL,
    userid     VARCHAR(64)   NOT NULL,
    store_id   INTEGER       NULL,
    target     VARCHAR(1024) NOT NULL,
    title      VARCHAR(128)  NOT NULL DEFAULT '',
    clicks     INTEGER       NOT NULL DEFAULT 0,
    created_by VARCHAR(96)   NOT NULL,
    created_at DATETIME      NOT NULL
);
CREATE UNIQUE INDEX uk_share_links_code ON share_links (code);
CREATE INDEX idx_share_links_guide ON share_links (corp_id, userid, id);

-- +goose Down
DROP TABLE share_links;
DROP TABLE touches;
