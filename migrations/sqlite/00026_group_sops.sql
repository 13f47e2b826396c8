-- +goose Up
-- Group SOPs: see the MySQL migration of the same number for the why.
CREATE TABLE group_sops (
    id             INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id        INTEGER      NOT NULL REFERENCES corps (id),
    name           VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    selection      TEXT         NOT NULL,
    steps          TEXT         NOT NULL,
    next_step_id   INTEGER      NOT NULL,
    catch_up_hours INTEGER      NOT NULL,
    created_by     VARCHAR(96)  NOT NULL DEFAULT '',
    created_at     DATETIME     NOT NULL,
    updated_at     DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_group_sops_name ON group_sops (corp_id, name);
CREATE INDEX idx_group_sops_status ON group_sops (status, corp_id);

CREATE TABLE group_sop_fires (
    id         INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER     NOT NULL,
    sop_id     INTEGER     NOT NULL,
    step_id    INTEGER     NOT NULL,
    chat_id    VARCHAR(64) NOT NULL,
    occurrence VARCHAR(64) NOT NULL,
    owner      VARCHAR(64) NOT NULL,
    due_at     DATETIME    NOT NULL,
    status     VARCHAR(16) NOT NULL,
    created_at DATETIME    NOT NULL,
    done_at    DATETIME    NULL
);
CREATE UNIQUE INDEX uk_group_sop_fires_key ON group_sop_fires (sop_id, step_id, chat_id, occurrence);
CREATE INDEX idx_group_sop_fires_pending ON group_sop_fires (sop_id, status, id);
CREATE INDEX idx_group_sop_fires_corp ON group_sop_fires (corp_id, sop_id, id);

-- +goose Down
DROP TABLE group_sop_fires;
DROP TABLE group_sops;
