-- +goose Up
-- Rewards (奖品): coupon codes from an imported pool, points credited to
-- the member record, or a gift the guide hands over in store. stock_left
-- is only ever decremented by a conditional UPDATE (stock_left > 0), so
-- concurrent grants never take it below zero; a coupon's stock is its
-- codes not yet claimed. Money is integer cents.
CREATE TABLE rewards (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    name        VARCHAR(64)     NOT NULL,
    kind        VARCHAR(16)     NOT NULL,
    points      BIGINT          NOT NULL DEFAULT 0,
    cost_cents  BIGINT          NOT NULL DEFAULT 0,
    stock_total BIGINT          NOT NULL DEFAULT 0,
    stock_left  BIGINT          NOT NULL DEFAULT 0,
    status      VARCHAR(16)     NOT NULL,
    created_by  VARCHAR(96)     NOT NULL DEFAULT '',
    created_at  DATETIME(3)     NOT NULL,
    updated_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_rewards_corp (corp_id, id),
    CONSTRAINT fk_rewards_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT ck_rewards_stock CHECK (stock_left >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A coupon reward's codes; grant_key is '' until one grant claims it
-- (a conditional UPDATE on grant_key = '').
CREATE TABLE reward_codes (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    reward_id  BIGINT UNSIGNED NOT NULL,
    code       VARCHAR(64)     NOT NULL,
    grant_key  VARCHAR(96)     NOT NULL DEFAULT '',
    claimed_at DATETIME(3)     NULL,
    created_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_reward_codes (corp_id, reward_id, code),
    KEY idx_reward_codes_free (corp_id, reward_id, grant_key, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One unit handed to one person, once per caller key.
CREATE TABLE reward_grants (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    reward_id       BIGINT UNSIGNED NOT NULL,
    grant_key       VARCHAR(96)     NOT NULL,
    member_id       BIGINT UNSIGNED NULL,
    external_userid VARCHAR(64)     NOT NULL DEFAULT '',
    userid          VARCHAR(64)     NOT NULL DEFAULT '',
    code            VARCHAR(64)     NOT NULL DEFAULT '',
    task_id         BIGINT UNSIGNED NULL,
    status          VARCHAR(24)     NOT NULL,
    reason          VARCHAR(255)    NOT NULL DEFAULT '',
    created_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_reward_grants_key (corp_id, grant_key),
    KEY idx_reward_grants_reward (corp_id, reward_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Points credited to members (app/member's): one row per caller key, so
-- a credit retried never adds twice; members.points carries the sum.
CREATE TABLE member_points (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    member_id  BIGINT UNSIGNED NOT NULL,
    points     BIGINT          NOT NULL,
    entry_key  VARCHAR(128)    NOT NULL,
    reason     VARCHAR(255)    NOT NULL DEFAULT '',
    created_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_member_points_key (corp_id, entry_key),
    KEY idx_member_points_member (corp_id, member_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE member_points;
DROP TABLE reward_grants;
DROP TABLE reward_codes;
DROP TABLE rewards;
