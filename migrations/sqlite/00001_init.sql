-- +goose Up
-- A corp is one WeCom enterprise: the tenant every other row is scoped to.
CREATE TABLE corps (
    id         INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    VARCHAR(64)  NOT NULL,
    name       VARCHAR(128) NOT NULL,
    timezone   VARCHAR(64)  NOT NULL DEFAULT 'Asia/Shanghai',
    created_at DATETIME     NOT NULL,
    updated_at DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_corps_corp_id ON corps (corp_id);

-- The audit trail: who did what to which object, kept per corp.
CREATE TABLE audit_entries (
    id          INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER      NOT NULL REFERENCES corps (id),
    actor       VARCHAR(128) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    target_type VARCHAR(64)  NOT NULL,
    target_id   VARCHAR(128) NOT NULL,
    detail      TEXT         NULL,
    request_id  VARCHAR(64)  NOT NULL DEFAULT '',
    created_at  DATETIME     NOT NULL
);
CREATE INDEX idx_audit_entries_target ON audit_entries (corp_id, target_type, target_id, id);

-- +goose Down
DROP TABLE audit_entries;
DROP TABLE corps;
