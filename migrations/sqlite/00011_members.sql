-- +goose Up
-- Members (会员): see the MySQL migration for the why.
CREATE TABLE members (
    id             INTEGER       NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id        INTEGER       NOT NULL REFERENCES corps (id),
    scope          INTEGER       NOT NULL DEFAULT 0,
    member_no      VARCHAR(64)   NOT NULL DEFAULT '',
    unionid        VARCHAR(64)   NOT NULL DEFAULT '',
    name           VARCHAR(64)   NOT NULL DEFAULT '',
    gender         INTEGER       NOT NULL DEFAULT 0,
    birthday       VARCHAR(10)   NOT NULL DEFAULT '',
    tier           VARCHAR(32)   NOT NULL DEFAULT '',
    points         INTEGER       NOT NULL DEFAULT 0,
    reg_store_id   INTEGER       NULL,
    reg_channel    VARCHAR(64)   NOT NULL DEFAULT '',
    home_store_id  INTEGER       NULL,
    phone_sealed   VARCHAR(128)  NOT NULL DEFAULT '',
    phone_index    VARCHAR(64)   NOT NULL DEFAULT '',
    phone_masked   VARCHAR(16)   NOT NULL DEFAULT '',
    phone_verified BOOLEAN       NOT NULL DEFAULT 0,
    tags           VARCHAR(1024) NOT NULL DEFAULT '[]',
    status         VARCHAR(16)   NOT NULL,
    merged_into    INTEGER       NULL,
    created_at     DATETIME      NOT NULL,
    updated_at     DATETIME      NOT NULL,
    FOREIGN KEY (corp_id, reg_store_id) REFERENCES stores (corp_id, id),
    FOREIGN KEY (corp_id, home_store_id) REFERENCES stores (corp_id, id)
);
CREATE UNIQUE INDEX uk_members_corp_id ON members (corp_id, id);
CREATE INDEX idx_members_status ON members (corp_id, status, id);
CREATE INDEX idx_members_home_store ON members (corp_id, home_store_id);
CREATE INDEX idx_members_merged ON members (corp_id, merged_into);

CREATE TABLE member_identities (
    id         INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER      NOT NULL,
    scope      INTEGER      NOT NULL DEFAULT 0,
    member_id  INTEGER      NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    value      VARCHAR(128) NOT NULL,
    created_at DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, member_id) REFERENCES members (corp_id, id)
);
CREATE UNIQUE INDEX uk_member_identities_key ON member_identities (corp_id, scope, kind, value);
CREATE INDEX idx_member_identities_member ON member_identities (corp_id, member_id);

CREATE TABLE member_reviews (
    id         INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER      NOT NULL,
    scope      INTEGER      NOT NULL DEFAULT 0,
    member_id  INTEGER      NOT NULL,
    other_id   INTEGER      NOT NULL DEFAULT 0,
    kind       VARCHAR(16)  NOT NULL,
    reason     VARCHAR(255) NOT NULL,
    payload    TEXT         NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    decided_by VARCHAR(96)  NOT NULL DEFAULT '',
    decided_at DATETIME     NULL,
    created_at DATETIME     NOT NULL,
    updated_at DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, member_id) REFERENCES members (corp_id, id)
);
CREATE UNIQUE INDEX uk_member_reviews_pair ON member_reviews (corp_id, member_id, other_id, kind);
CREATE INDEX idx_member_reviews_status ON member_reviews (corp_id, status, id);

CREATE TABLE member_merges (
    id          INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER     NOT NULL,
    survivor_id INTEGER     NOT NULL,
    merged_id   INTEGER     NOT NULL,
    reason      VARCHAR(16) NOT NULL,
    moved_keys  TEXT        NOT NULL,
    before_json TEXT        NOT NULL,
    actor       VARCHAR(96) NOT NULL,
    undone_at   DATETIME    NULL,
    undone_by   VARCHAR(96) NOT NULL DEFAULT '',
    created_at  DATETIME    NOT NULL,
    FOREIGN KEY (corp_id, survivor_id) REFERENCES members (corp_id, id),
    FOREIGN KEY (corp_id, merged_id) REFERENCES members (corp_id, id)
);
CREATE INDEX idx_member_merges_survivor ON member_merges (corp_id, survivor_id);
CREATE INDEX idx_member_merges_merged ON member_merges (corp_id, merged_id);

-- +goose Down
DROP TABLE member_merges;
DROP TABLE member_reviews;
DROP TABLE member_identities;
DROP TABLE members;
