-- +goose Up
-- Transfers (在职继承 / 离职继承): one row per hand-over of a guide's
-- customers and groups, started by a store manager or admin.
CREATE TABLE transfers (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id       BIGINT UNSIGNED NOT NULL,
    mode          VARCHAR(16)     NOT NULL,
    rule          VARCHAR(16)     NOT NULL,
    from_userid   VARCHAR(64)     NOT NULL,
    from_store_id BIGINT UNSIGNED NOT NULL,
    to_userid     VARCHAR(64)     NOT NULL DEFAULT '',
    message       VARCHAR(255)    NOT NULL DEFAULT '',
    status        VARCHAR(16)     NOT NULL,
    actor         VARCHAR(96)     NOT NULL,
    created_at    DATETIME(3)     NOT NULL,
    updated_at    DATETIME(3)     NOT NULL,
    finished_at   DATETIME(3)     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_transfers_corp_id (corp_id, id),
    KEY idx_transfers_status (status, corp_id),
    KEY idx_transfers_guide (corp_id, from_userid, status),
    CONSTRAINT fk_transfers_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_transfers_store FOREIGN KEY (corp_id, from_store_id) REFERENCES stores (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One customer of a transfer: whom it goes to, how far it got, and what
-- WeCom said. Accepted on-job items (waiting, succeeded) in the last 90
-- days are what the 2-per-customer limit is counted from.
CREATE TABLE transfer_items (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    transfer_id     BIGINT UNSIGNED NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    from_userid     VARCHAR(64)     NOT NULL,
    to_userid       VARCHAR(64)     NOT NULL,
    to_store_id     BIGINT UNSIGNED NOT NULL,
    state           VARCHAR(16)     NOT NULL,
    errcode         INT             NOT NULL DEFAULT 0,
    reason          VARCHAR(32)     NOT NULL DEFAULT '',
    flagged         TINYINT(1)      NOT NULL DEFAULT 0,
    batch           INT             NOT NULL DEFAULT 0,
    sent_at         DATETIME(3)     NULL,
    takeover_at     DATETIME(3)     NULL,
    settled_at      DATETIME(3)     NULL,
    created_at      DATETIME(3)     NOT NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_transfer_items_customer (transfer_id, external_userid),
    KEY idx_transfer_items_state (corp_id, transfer_id, state),
    KEY idx_transfer_items_customer (corp_id, external_userid, state),
    CONSTRAINT fk_transfer_items_transfer FOREIGN KEY (corp_id, transfer_id) REFERENCES transfers (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The groups the leaver owned and what became of handing each over.
CREATE TABLE transfer_groups (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    transfer_id BIGINT UNSIGNED NOT NULL,
    chat_id     VARCHAR(64)     NOT NULL,
    to_userid   VARCHAR(64)     NOT NULL,
    state       VARCHAR(16)     NOT NULL,
    errcode     INT             NOT NULL DEFAULT 0,
    err_msg     VARCHAR(255)    NOT NULL DEFAULT '',
    created_at  DATETIME(3)     NOT NULL,
    updated_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_transfer_groups_chat (transfer_id, chat_id),
    CONSTRAINT fk_transfer_groups_transfer FOREIGN KEY (corp_id, transfer_id) REFERENCES transfers (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE transfer_groups;
DROP TABLE transfer_items;
DROP TABLE transfers;
