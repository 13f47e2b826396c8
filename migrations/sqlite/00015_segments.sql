-- +goose Up
-- Segments and their snapshots: see the MySQL migration for the why.
CREATE TABLE segments (
    id            INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id       INTEGER     NOT NULL REFERENCES corps (id),
    name          VARCHAR(64) NOT NULL,
    rule          TEXT        NOT NULL,
    refresh_hours INTEGER     NOT NULL DEFAULT 0,
    version       INTEGER     NOT NULL DEFAULT 0,
    count         INTEGER     NOT NULL DEFAULT 0,
    refreshed_at  DATETIME    NULL,
    created_by    VARCHAR(96) NOT NULL,
    created_at    DATETIME    NOT NULL,
    updated_at    DATETIME    NOT NULL
);
CREATE UNIQUE INDEX uk_segments_name ON segments (corp_id, name);

CREATE TABLE segment_members (
    corp_id         INTEGER     NOT NULL,
    segment_id      INTEGER     NOT NULL,
    version         INTEGER     NOT NULL,
    external_userid VARCHAR(64) NOT NULL,
    PRIMARY KEY (segment_id, version, external_userid)
);
CREATE INDEX idx_segment_members_corp ON segment_members (corp_id, segment_id);

-- +goose Down
DROP TABLE segment_members;
DROP TABLE segments;
