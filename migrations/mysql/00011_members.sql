-- +goose Up
-- Members (会员): the brand's record of a person. The phone is kept only
-- sealed (phone_sealed), as a keyed blind index for lookups (phone_index)
-- and masked for display; the clear number is in no column. A merged
-- member keeps its row, pointing at the survivor, so orders and touches
-- recorded against it stay valid and a split can bring it back.
CREATE TABLE members (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id        BIGINT UNSIGNED NOT NULL,
    scope          BIGINT UNSIGNED NOT NULL DEFAULT 0,
    member_no      VARCHAR(64)     NOT NULL DEFAULT '',
    unionid        VARCHAR(64)     NOT NULL DEFAULT '',
    name           VARCHAR(64)     NOT NULL DEFAULT '',
    gender         TINYINT         NOT NULL DEFAULT 0,
    birthday       VARCHAR(10)     NOT NULL DEFAULT '',
    tier           VARCHAR(32)     NOT NULL DEFAULT '',
    points         BIGINT          NOT NULL DEFAULT 0,
    reg_store_id   BIGINT UNSIGNED NULL,
    reg_channel    VARCHAR(64)     NOT NULL DEFAULT '',
    home_store_id  BIGINT UNSIGNED NULL,
    phone_sealed   VARCHAR(128)    NOT NULL DEFAULT '',
    phone_index    VARCHAR(64)     NOT NULL DEFAULT '',
    phone_masked   VARCHAR(16)     NOT NULL DEFAULT '',
    phone_verified TINYINT(1)      NOT NULL DEFAULT 0,
    tags           VARCHAR(1024)   NOT NULL DEFAULT '[]',
    status         VARCHAR(16)     NOT NULL,
    merged_into    BIGINT UNSIGNED NULL,
    created_at     DATETIME(3)     NOT NULL,
    updated_at     DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_members_corp_id (corp_id, id),
    KEY idx_members_status (corp_id, status, id),
    KEY idx_members_home_store (corp_id, home_store_id),
    KEY idx_members_merged (corp_id, merged_into),
    CONSTRAINT fk_members_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_members_reg_store FOREIGN KEY (corp_id, reg_store_id) REFERENCES stores (corp_id, id),
    CONSTRAINT fk_members_home_store FOREIGN KEY (corp_id, home_store_id) REFERENCES stores (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every key that finds a member (member number, unionid, openid, phone
-- index, external_userid). The unique key is what makes "one key, one
-- member" hold when two API instances upsert the same person at once.
CREATE TABLE member_identities (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    scope      BIGINT UNSIGNED NOT NULL DEFAULT 0,
    member_id  BIGINT UNSIGNED NOT NULL,
    kind       VARCHAR(16)     NOT NULL,
    value      VARCHAR(128)    NOT NULL,
    created_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_member_identities_key (corp_id, scope, kind, value),
    KEY idx_member_identities_member (corp_id, member_id),
    CONSTRAINT fk_member_identities_member FOREIGN KEY (corp_id, member_id) REFERENCES members (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Possible matches the system would not merge on its own, for an
-- operator to merge or dismiss. One row per pair and key, whatever its
-- status, so re-sending the same data never asks twice.
CREATE TABLE member_reviews (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    scope      BIGINT UNSIGNED NOT NULL DEFAULT 0,
    member_id  BIGINT UNSIGNED NOT NULL,
    other_id   BIGINT UNSIGNED NOT NULL DEFAULT 0,
    kind       VARCHAR(16)     NOT NULL,
    reason     VARCHAR(255)    NOT NULL,
    payload    TEXT            NOT NULL,
    status     VARCHAR(16)     NOT NULL,
    decided_by VARCHAR(96)     NOT NULL DEFAULT '',
    decided_at DATETIME(3)     NULL,
    created_at DATETIME(3)     NOT NULL,
    updated_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_member_reviews_pair (corp_id, member_id, other_id, kind),
    KEY idx_member_reviews_status (corp_id, status, id),
    CONSTRAINT fk_member_reviews_member FOREIGN KEY (corp_id, member_id) REFERENCES members (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every merge, with what it moved and what the survivor held before, so
-- that a split puts both records back as they were.
CREATE TABLE member_merges (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    survivor_id BIGINT UNSIGNED NOT NULL,
    merged_id   BIGINT UNSIGNED NOT NULL,
    reason      VARCHAR(16)     NOT NULL,
    moved_keys  TEXT            NOT NULL,
    before_json TEXT            NOT NULL,
    actor       VARCHAR(96)     NOT NULL,
    undone_at   DATETIME(3)     NULL,
    undone_by   VARCHAR(96)     NOT NULL DEFAULT '',
    created_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_member_merges_survivor (corp_id, survivor_id),
    KEY idx_member_merges_merged (corp_id, merged_id),
    CONSTRAINT fk_member_merges_survivor FOREIGN KEY (corp_id, survivor_id) REFERENCES members (corp_id, id),
    CONSTRAINT fk_member_merges_merged FOREIGN KEY (corp_id, merged_id) REFERENCES members (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE member_merges;
DROP TABLE member_reviews;
DROP TABLE member_identities;
DROP TABLE members;
