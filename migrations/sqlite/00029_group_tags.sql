-- +goose Up
-- Siyu group tags: see the MySQL migration of the same number for the why.
CREATE TABLE group_tags (
    id         INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER     NOT NULL REFERENCES corps (id),
    name       VARCHAR(32) NOT NULL,
    group_name VARCHAR(32) NOT NULL DEFAULT '',
    created_by VARCHAR(96) NOT NULL DEFAULT '',
    created_at DATETIME    NOT NULL,
    updated_at DATETIME    NOT NULL
);
CREATE UNIQUE INDEX uk_group_tags_name ON group_tags (corp_id, name);

CREATE TABLE group_tag_links (
    corp_id    INTEGER     NOT NULL,
    chat_id    VARCHAR(64) NOT NULL,
    tag_id     INTEGER     NOT NULL,
    created_at DATETIME    NOT NULL,
    PRIMARY KEY (corp_id, chat_id, tag_id)
);
CREATE INDEX idx_group_tag_links_tag ON group_tag_links (corp_id, tag_id, chat_id);

-- A group mass send may choose its groups by a selection (owners,
-- stores, group tags, name) resolved when it is planned; kept as JSON.
ALTER TABLE mass_sends ADD COLUMN group_selection TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE mass_sends DROP COLUMN group_selection;
DROP TABLE group_tag_links;
DROP TABLE group_tags;
