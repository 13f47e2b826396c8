-- +goose Up
-- Orders (订单) and their lines: see the MySQL migration for the why.
CREATE TABLE orders (
    id           INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id      INTEGER     NOT NULL REFERENCES corps (id),
    scope        INTEGER     NOT NULL DEFAULT 0,
    source       VARCHAR(16) NOT NULL,
    kind         VARCHAR(8)  NOT NULL,
    order_no     VARCHAR(64) NOT NULL,
    refund_of_id INTEGER     NULL,
    store_id     INTEGER     NULL,
    guide_code   VARCHAR(64) NOT NULL DEFAULT '',
    member_id    INTEGER     NULL,
    member_no    VARCHAR(64) NOT NULL DEFAULT '',
    unionid      VARCHAR(64) NOT NULL DEFAULT '',
    openid       VARCHAR(64) NOT NULL DEFAULT '',
    phone_index  VARCHAR(64) NOT NULL DEFAULT '',
    amount_cents BIGINT      NOT NULL,
    paid_at      DATETIME    NOT NULL,
    content_hash CHAR(64)    NOT NULL,
    created_at   DATETIME    NOT NULL,
    updated_at   DATETIME    NOT NULL,
    FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id),
    FOREIGN KEY (corp_id, refund_of_id) REFERENCES orders (corp_id, id)
);
CREATE UNIQUE INDEX uk_orders_key ON orders (corp_id, source, kind, order_no);
CREATE UNIQUE INDEX uk_orders_corp_id ON orders (corp_id, id);
CREATE INDEX idx_orders_member_no ON orders (corp_id, member_no);
CREATE INDEX idx_orders_unionid ON orders (corp_id, unionid);
CREATE INDEX idx_orders_openid ON orders (corp_id, openid);
CREATE INDEX idx_orders_phone ON orders (corp_id, phone_index);
CREATE INDEX idx_orders_member ON orders (corp_id, member_id, paid_at);
CREATE INDEX idx_orders_store ON orders (corp_id, store_id, paid_at);
CREATE INDEX idx_orders_paid ON orders (corp_id, paid_at);
CREATE INDEX idx_orders_refund_of ON orders (corp_id, refund_of_id);

CREATE TABLE order_items (
    id               INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id          INTEGER      NOT NULL,
    order_id         INTEGER      NOT NULL,
    line             INTEGER      NOT NULL,
    sku              VARCHAR(64)  NOT NULL DEFAULT '',
    name             VARCHAR(128) NOT NULL DEFAULT '',
    quantity         BIGINT       NOT NULL,
    unit_price_cents BIGINT       NOT NULL,
    FOREIGN KEY (corp_id, order_id) REFERENCES orders (corp_id, id)
);
CREATE UNIQUE INDEX uk_order_items_line ON order_items (corp_id, order_id, line);

-- +goose Down
DROP TABLE order_items;
DROP TABLE orders;
