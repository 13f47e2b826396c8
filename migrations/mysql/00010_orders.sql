-- +goose Up
-- Orders (订单): one row per sale or refund a source sent. (source, kind,
-- order_no) is an order's identity: a re-send finds its row, and the
-- content hash tells a re-send of the same content (nothing to do) from a
-- different one (a conflict, refused). A refund is a row of its own,
-- pointing at its sale. The member keys the source sent are kept so an
-- order that came before its member is linked when the member arrives;
-- the phone only as its keyed blind index, never in clear. Amounts are
-- integer cents (a refund's negative), paid_at UTC.
CREATE TABLE orders (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id      BIGINT UNSIGNED NOT NULL,
    scope        BIGINT UNSIGNED NOT NULL DEFAULT 0,
    source       VARCHAR(16)     NOT NULL,
    kind         VARCHAR(8)      NOT NULL,
    order_no     VARCHAR(64)     NOT NULL,
    refund_of_id BIGINT UNSIGNED NULL,
    store_id     BIGINT UNSIGNED NULL,
    guide_code   VARCHAR(64)     NOT NULL DEFAULT '',
    member_id    BIGINT UNSIGNED NULL,
    member_no    VARCHAR(64)     NOT NULL DEFAULT '',
    unionid      VARCHAR(64)     NOT NULL DEFAULT '',
    openid       VARCHAR(64)     NOT NULL DEFAULT '',
    phone_index  VARCHAR(64)     NOT NULL DEFAULT '',
    amount_cents BIGINT          NOT NULL,
    paid_at      DATETIME(3)     NOT NULL,
    content_hash CHAR(64)        NOT NULL,
    created_at   DATETIME(3)     NOT NULL,
    updated_at   DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_orders_key (corp_id, source, kind, order_no),
    UNIQUE KEY uk_orders_corp_id (corp_id, id),
    -- Linking a member finds the unlinked orders carrying one of its keys.
    KEY idx_orders_member_no (corp_id, member_no),
    KEY idx_orders_unionid (corp_id, unionid),
    KEY idx_orders_openid (corp_id, openid),
    KEY idx_orders_phone (corp_id, phone_index),
    -- A member's orders, a store's and the corp's over a period (reports,
    -- RFM, attribution); a sale's refunds.
    KEY idx_orders_member (corp_id, member_id, paid_at),
    KEY idx_orders_store (corp_id, store_id, paid_at),
    KEY idx_orders_paid (corp_id, paid_at),
    KEY idx_orders_refund_of (corp_id, refund_of_id),
    CONSTRAINT fk_orders_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_orders_store FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id),
    CONSTRAINT fk_orders_refund_of FOREIGN KEY (corp_id, refund_of_id) REFERENCES orders (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The lines of an order in the order sent (line 1, 2 …); a refund's lines
-- are what was returned. Written with their order, never changed.
CREATE TABLE order_items (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id          BIGINT UNSIGNED NOT NULL,
    order_id         BIGINT UNSIGNED NOT NULL,
    line             INT             NOT NULL,
    sku              VARCHAR(64)     NOT NULL DEFAULT '',
    name             VARCHAR(128)    NOT NULL DEFAULT '',
    quantity         BIGINT          NOT NULL,
    unit_price_cents BIGINT          NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_order_items_line (corp_id, order_id, line),
    CONSTRAINT fk_order_items_order FOREIGN KEY (corp_id, order_id) REFERENCES orders (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE order_items;
DROP TABLE orders;
