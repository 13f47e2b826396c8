-- +goose Up
-- Group SOPs (社群SOP): a selection of groups and steps kept as JSON. Each
-- step carries a stable id, so an edit keeps the steps already fired
-- fired; next_step_id is the id the next new step gets.
CREATE TABLE group_sops (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id        BIGINT UNSIGNED NOT NULL,
    name           VARCHAR(64)     NOT NULL,
    status         VARCHAR(16)     NOT NULL,
    selection      TEXT            NOT NULL,
    steps          TEXT            NOT NULL,
    next_step_id   INT             NOT NULL,
    catch_up_hours INT             NOT NULL,
    created_by     VARCHAR(96)     NOT NULL DEFAULT '',
    created_at     DATETIME(3)     NOT NULL,
    updated_at     DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_group_sops_name (corp_id, name),
    KEY idx_group_sops_status (status, corp_id),
    CONSTRAINT fk_group_sops_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The fire ledger: one row per (sop, step, group, occurrence), the
-- exactly-once key across restarts, pauses, edits and schedulers running
-- at once (a second insert of the same key is a no-op). status moves
-- pending → done once the owner's task is given.
CREATE TABLE group_sop_fires (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    sop_id     BIGINT UNSIGNED NOT NULL,
    step_id    INT             NOT NULL,
    chat_id    VARCHAR(64)     NOT NULL,
    occurrence VARCHAR(64)     NOT NULL,
    owner      VARCHAR(64)     NOT NULL,
    due_at     DATETIME(3)     NOT NULL,
    status     VARCHAR(16)     NOT NULL,
    created_at DATETIME(3)     NOT NULL,
    done_at    DATETIME(3)     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_group_sop_fires_key (sop_id, step_id, chat_id, occurrence),
    KEY idx_group_sop_fires_pending (sop_id, status, id),
    KEY idx_group_sop_fires_corp (corp_id, sop_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE group_sop_fires;
DROP TABLE group_sops;
