-- +goose Up
-- Siyu group tags (群标签): WeCom keeps no tags on customer groups, so
-- Siyu keeps its own. A tag's name is unique in its corp; group_name is an
-- optional category (标签组) it is listed under.
CREATE TABLE group_tags (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    name       VARCHAR(32)     NOT NULL,
    group_name VARCHAR(32)     NOT NULL DEFAULT '',
    created_by VARCHAR(96)     NOT NULL DEFAULT '',
    created_at DATETIME(3)     NOT NULL,
    updated_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_group_tags_name (corp_id, name),
    CONSTRAINT fk_group_tags_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A tag on a group. The key makes tagging idempotent; the second index
-- serves selections by tag (group SOPs, group mass sends).
CREATE TABLE group_tag_links (
    corp_id    BIGINT UNSIGNED NOT NULL,
    chat_id    VARCHAR(64)     NOT NULL,
    tag_id     BIGINT UNSIGNED NOT NULL,
    created_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, chat_id, tag_id),
    KEY idx_group_tag_links_tag (corp_id, tag_id, chat_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A group mass send may choose its groups by a selection (owners,
-- stores, group tags, name) resolved when it is planned; kept as JSON.
-- An expression default: MySQL 8 refuses a literal one on TEXT (MariaDB takes either).
ALTER TABLE mass_sends ADD COLUMN group_selection TEXT NOT NULL DEFAULT ('');

-- +goose Down
ALTER TABLE mass_sends DROP COLUMN group_selection;
DROP TABLE group_tag_links;
DROP TABLE group_tags;
