-- +goose Up
-- The organisation a corp runs its customer relationships through. Every
-- table is scoped by corp_id, and references between them are composite
-- (corp_id, id) keys, so a row of one corp can never point at another's.

-- Brands (品牌) of a corp; shares_customers says whether the brand's
-- customers are visible to and assignable by the corp's other sharing brands.
CREATE TABLE brands (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id          BIGINT UNSIGNED NOT NULL,
    name             VARCHAR(64)     NOT NULL,
    shares_customers TINYINT(1)      NOT NULL DEFAULT 1,
    created_at       DATETIME(3)     NOT NULL,
    updated_at       DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_brands_name (corp_id, name),
    UNIQUE KEY uk_brands_corp_id (corp_id, id),
    CONSTRAINT fk_brands_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Regions (区域) stores are grouped by for management and reports.
CREATE TABLE regions (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    name       VARCHAR(64)     NOT NULL,
    created_at DATETIME(3)     NOT NULL,
    updated_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_regions_name (corp_id, name),
    UNIQUE KEY uk_regions_corp_id (corp_id, id),
    CONSTRAINT fk_regions_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Stores (门店) and the online team, a unit of kind 'online', so assignment
-- treats both alike. Coordinates are micro-degrees (degrees × 1,000,000).
-- A store is closed rather than deleted: customers and history refer to it.
CREATE TABLE stores (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id       BIGINT UNSIGNED NOT NULL,
    code          VARCHAR(32)     NOT NULL,
    name          VARCHAR(128)    NOT NULL,
    kind          VARCHAR(16)     NOT NULL DEFAULT 'store',
    brand_id      BIGINT UNSIGNED NULL,
    region_id     BIGINT UNSIGNED NULL,
    city          VARCHAR(64)     NOT NULL DEFAULT '',
    address       VARCHAR(255)    NOT NULL DEFAULT '',
    latitude      BIGINT          NULL,
    longitude     BIGINT          NULL,
    opening_hours VARCHAR(128)    NOT NULL DEFAULT '',
    status        VARCHAR(16)     NOT NULL DEFAULT 'open',
    closed_at     DATETIME(3)     NULL,
    created_at    DATETIME(3)     NOT NULL,
    updated_at    DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_stores_code (corp_id, code),
    UNIQUE KEY uk_stores_corp_id (corp_id, id),
    KEY idx_stores_city (corp_id, city),
    CONSTRAINT fk_stores_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_stores_brand FOREIGN KEY (corp_id, brand_id) REFERENCES brands (corp_id, id),
    CONSTRAINT fk_stores_region FOREIGN KEY (corp_id, region_id) REFERENCES regions (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Guides (导购): a WeCom member bound to one store, as guide or store
-- manager. A guide who leaves keeps the row (status 'left') for history.
CREATE TABLE guides (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    userid     VARCHAR(64)     NOT NULL,
    store_id   BIGINT UNSIGNED NOT NULL,
    role       VARCHAR(16)     NOT NULL DEFAULT 'guide',
    status     VARCHAR(16)     NOT NULL DEFAULT 'active',
    left_at    DATETIME(3)     NULL,
    created_at DATETIME(3)     NOT NULL,
    updated_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_guides_userid (corp_id, userid),
    KEY idx_guides_store (corp_id, store_id, status),
    CONSTRAINT fk_guides_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_guides_store FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE guides;
DROP TABLE stores;
DROP TABLE regions;
DROP TABLE brands;
