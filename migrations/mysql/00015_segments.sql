-- +goose Up
-- Segments (人群): a saved rule and its latest snapshot's version and size.
CREATE TABLE segments (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id       BIGINT UNSIGNED NOT NULL,
    name          VARCHAR(64)     NOT NULL,
    rule          TEXT            NOT NULL,
    refresh_hours INT             NOT NULL DEFAULT 0,
    version       INT             NOT NULL DEFAULT 0,
    count         BIGINT          NOT NULL DEFAULT 0,
    refreshed_at  DATETIME(3)     NULL,
    created_by    VARCHAR(96)     NOT NULL,
    created_at    DATETIME(3)     NOT NULL,
    updated_at    DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_segments_name (corp_id, name),
    CONSTRAINT fk_segments_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A materialized snapshot: the customers a segment held at one version,
-- written by one INSERT … SELECT. A send keeps pointing at the version
-- it was planned from while newer ones are made.
CREATE TABLE segment_members (
    corp_id         BIGINT UNSIGNED NOT NULL,
    segment_id      BIGINT UNSIGNED NOT NULL,
    version         INT             NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    PRIMARY KEY (segment_id, version, external_userid),
    KEY idx_segment_members_corp (corp_id, segment_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE segment_members;
DROP TABLE segments;
