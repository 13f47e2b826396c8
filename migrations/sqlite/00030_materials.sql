-- +goose Up
-- Materials: see the MySQL migration of the same number for the why.
CREATE TABLE materials (
    id           INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id      INTEGER      NOT NULL REFERENCES corps (id),
    kind         VARCHAR(8)   NOT NULL,
    name         VARCHAR(128) NOT NULL,
    content_type VARCHAR(96)  NOT NULL,
    size         INTEGER      NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    content      BLOB         NOT NULL,
    media_id     VARCHAR(128) NOT NULL DEFAULT '',
    media_at     DATETIME     NULL,
    lease_until  DATETIME     NULL,
    fence        INTEGER      NOT NULL DEFAULT 0,
    created_by   VARCHAR(96)  NOT NULL DEFAULT '',
    created_at   DATETIME     NOT NULL
);
CREATE INDEX idx_materials_corp ON materials (corp_id, id);

-- +goose Down
DROP TABLE materials;
