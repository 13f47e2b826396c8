-- +goose Up
-- Transfers (在职继承 / 离职继承): see the MySQL migration for the why.
CREATE TABLE transfers (
    id            INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id       INTEGER      NOT NULL REFERENCES corps (id),
    mode          VARCHAR(16)  NOT NULL,
    rule          VARCHAR(16)  NOT NULL,
    from_userid   VARCHAR(64)  NOT NULL,
    from_store_id INTEGER      NOT NULL,
    to_userid     VARCHAR(64)  NOT NULL DEFAULT '',
    message       VARCHAR(255) NOT NULL DEFAULT '',
    status        VARCHAR(16)  NOT NULL,
    actor         VARCHAR(96)  NOT NULL,
    created_at    DATETIME     NOT NULL,
    updated_at    DATETIME     NOT NULL,
    finished_at   DATETIME     NULL,
    FOREIGN KEY (corp_id, from_store_id) REFERENCES stores (corp_id, id)
);
CREATE UNIQUE INDEX uk_transfers_corp_id ON transfers (corp_id, id);
CREATE INDEX idx_transfers_status ON transfers (status, corp_id);
CREATE INDEX idx_transfers_guide ON transfers (corp_id, from_userid, status);

CREATE TABLE transfer_items (
    id              INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER     NOT NULL,
    transfer_id     INTEGER     NOT NULL,
    external_userid VARCHAR(64) NOT NULL,
    from_userid     VARCHAR(64) NOT NULL,
    to_userid       VARCHAR(64) NOT NULL,
    to_store_id     INTEGER     NOT NULL,
    state           VARCHAR(16) NOT NULL,
    errcode         INTEGER     NOT NULL DEFAULT 0,
    reason          VARCHAR(32) NOT NULL DEFAULT '',
    flagged         BOOLEAN     NOT NULL DEFAULT 0,
    batch           INTEGER     NOT NULL DEFAULT 0,
    sent_at         DATETIME    NULL,
    takeover_at     DATETIME    NULL,
    settled_at      DATETIME    NULL,
    created_at      DATETIME    NOT NULL,
    updated_at      DATETIME    NOT NULL,
    FOREIGN KEY (corp_id, transfer_id) REFERENCES transfers (corp_id, id)
);
CREATE UNIQUE INDEX uk_transfer_items_customer ON transfer_items (transfer_id, external_userid);
CREATE INDEX idx_transfer_items_state ON transfer_items (corp_id, transfer_id, state);
CREATE INDEX idx_transfer_items_customer ON transfer_items (corp_id, external_userid, state);

CREATE TABLE transfer_groups (
    id          INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER      NOT NULL,
    transfer_id INTEGER      NOT NULL,
    chat_id     VARCHAR(64)  NOT NULL,
    to_userid   VARCHAR(64)  NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    errcode     INTEGER      NOT NULL DEFAULT 0,
    err_msg     VARCHAR(255) NOT NULL DEFAULT '',
    created_at  DATETIME     NOT NULL,
    updated_at  DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, transfer_id) REFERENCES transfers (corp_id, id)
);
CREATE UNIQUE INDEX uk_transfer_groups_chat ON transfer_groups (transfer_id, chat_id);

-- +goose Down
DROP TABLE transfer_groups;
DROP TABLE transfer_items;
DROP TABLE transfers;
