-- +goose Up
-- The organisation a corp runs its customer relationships through. Every
-- table is scoped by corp_id, and references between them are composite
-- (corp_id, id) keys, so a row of one corp can never point at another's.

-- Brands (品牌) of a corp; shares_customers says whether the brand's
-- customers are visible to and assignable by the corp's other sharing brands.
CREATE TABLE brands (
    id               INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id          INTEGER     NOT NULL REFERENCES corps (id),
    name             VARCHAR(64) NOT NULL,
    shares_customers BOOLEAN     NOT NULL DEFAULT 1,
    created_at       DATETIME    NOT NULL,
    updated_at       DATETIME    NOT NULL
);
CREATE UNIQUE INDEX uk_brands_name ON brands (corp_id, name);
CREATE UNIQUE INDEX uk_brands_corp_id ON brands (corp_id, id);

-- Regions (区域) stores are grouped by for management and reports.
CREATE TABLE regions (
    id         INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER     NOT NULL REFERENCES corps (id),
    name       VARCHAR(64) NOT NULL,
    created_at DATETIME    NOT NULL,
    updated_at DATETIME    NOT NULL
);
CREATE UNIQUE INDEX uk_regions_name ON regions (corp_id, name);
CREATE UNIQUE INDEX uk_regions_corp_id ON regions (corp_id, id);

-- Stores (门店) and the online team, a unit of kind 'online', so assignment
-- treats both alike. Coordinates are micro-degrees (degrees × 1,000,000).
-- A store is closed rather than deleted: customers and history refer to it.
CREATE TABLE stores (
    id            INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id       INTEGER      NOT NULL REFERENCES corps (id),
    code          VARCHAR(32)  NOT NULL,
    name          VARCHAR(128) NOT NULL,
    kind          VARCHAR(16)  NOT NULL DEFAULT 'store',
    brand_id      INTEGER      NULL,
    region_id     INTEGER      NULL,
    city          VARCHAR(64)  NOT NULL DEFAULT '',
    address       VARCHAR(255) NOT NULL DEFAULT '',
    latitude      BIGINT       NULL,
    longitude     BIGINT       NULL,
    opening_hours VARCHAR(128) NOT NULL DEFAULT '',
    status        VARCHAR(16)  NOT NULL DEFAULT 'open',
    closed_at     DATETIME     NULL,
    created_at    DATETIME     NOT NULL,
    updated_at    DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, brand_id) REFERENCES brands (corp_id, id),
    FOREIGN KEY (corp_id, region_id) REFERENCES regions (corp_id, id)
);
CREATE UNIQUE INDEX uk_stores_code ON stores (corp_id, code);
CREATE UNIQUE INDEX uk_stores_corp_id ON stores (corp_id, id);
CREATE INDEX idx_stores_city ON stores (corp_id, city);

-- Guides (导购): a WeCom member bound to one store, as guide or store
-- manager. A guide who leaves keeps the row (status 'left') for history.
CREATE TABLE guides (
    id         INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER     NOT NULL REFERENCES corps (id),
    userid     VARCHAR(64) NOT NULL,
    store_id   INTEGER     NOT NULL,
    role       VARCHAR(16) NOT NULL DEFAULT 'guide',
    status     VARCHAR(16) NOT NULL DEFAULT 'active',
    left_at    DATETIME    NULL,
    created_at DATETIME    NOT NULL,
    updated_at DATETIME    NOT NULL,
    FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id)
);
CREATE UNIQUE INDEX uk_guides_userid ON guides (corp_id, userid);
CREATE INDEX idx_guides_store ON guides (corp_id, store_id, status);

-- +goose Down
DROP TABLE guides;
DROP TABLE stores;
DROP TABLE regions;
DROP TABLE brands;
