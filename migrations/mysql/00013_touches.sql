-- +goose Up
-- The touch ledger (触点): append-only, one row per source event. The
-- unique source id is what makes a redelivered event, a retried task or
-- two workers handling the same event write one row. Attribution reads
-- a customer's or a member's touches in time order.
CREATE TABLE touches (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    kind            VARCHAR(16)     NOT NULL,
    source_id       VARCHAR(200)    NOT NULL,
    external_userid VARCHAR(64)     NOT NULL DEFAULT '',
    member_id       BIGINT UNSIGNED NULL,
    userid          VARCHAR(64)     NOT NULL DEFAULT '',
    store_id        BIGINT UNSIGNED NULL,
    channel_id      BIGINT UNSIGNED NULL,
    state           VARCHAR(64)     NOT NULL DEFAULT '',
    self_reported   TINYINT(1)      NOT NULL DEFAULT 0,
    detail          VARCHAR(1024)   NOT NULL DEFAULT '',
    at              DATETIME(3)     NOT NULL,
    created_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_touches_source (corp_id, source_id),
    KEY idx_touches_customer (corp_id, external_userid, at),
    KEY idx_touches_member (corp_id, member_id, at),
    KEY idx_touches_guide (corp_id, userid, at),
    KEY idx_touches_kind (corp_id, kind, at),
    CONSTRAINT fk_touches_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Trackable share links (/s/<code>). The code is random, so a link says
-- nothing about who shared it and cannot be guessed from another.
CREATE TABLE share_links (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    code       VARCHAR(16)     NOT NULL,
    userid     VARCHAR(64)     NOT NULL,
    store_id   BIGINT UNSIGNED NULL,
    target     VARCHAR(1024)   NOT NULL,
    title      VARCHAR(128)    NOT NULL DEFAULT '',
    clicks     BIGINT          NOT NULL DEFAULT 0,
    created_by VARCHAR(96)     NOT NULL,
    created_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_share_links_code (code),
    KEY idx_share_links_guide (corp_id, userid, id),
    CONSTRAINT fk_share_links_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE share_links;
DROP TABLE touches;
