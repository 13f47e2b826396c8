-- +goose Up
-- Rewards: see the MySQL migration of the same number for the why.
CREATE TABLE rewards (
    id          INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER     NOT NULL REFERENCES corps (id),
    name        VARCHAR(64) NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    points      INTEGER     NOT NULL DEFAULT 0,
    cost_cents  INTEGER     NOT NULL DEFAULT 0,
    stock_total INTEGER     NOT NULL DEFAULT 0,
    stock_left  INTEGER     NOT NULL DEFAULT 0 CHECK (stock_left >= 0),
    status      VARCHAR(16) NOT NULL,
    created_by  VARCHAR(96) NOT NULL DEFAULT '',
    created_at  DATETIME    NOT NULL,
    updated_at  DATETIME    NOT NULL
);
CREATE INDEX idx_rewards_corp ON rewards (corp_id, id);

CREATE TABLE reward_codes (
    id         INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER     NOT NULL,
    reward_id  INTEGER     NOT NULL,
    code       VARCHAR(64) NOT NULL,
    grant_key  VARCHAR(96) NOT NULL DEFAULT '',
    claimed_at DATETIME    NULL,
    created_at DATETIME    NOT NULL
);
CREATE UNIQUE INDEX uk_reward_codes ON reward_codes (corp_id, reward_id, code);
CREATE INDEX idx_reward_codes_free ON reward_codes (corp_id, reward_id, grant_key, id);

CREATE TABLE reward_grants (
    id              INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER      NOT NULL,
    reward_id       INTEGER      NOT NULL,
    grant_key       VARCHAR(96)  NOT NULL,
    member_id       INTEGER      NULL,
    external_userid VARCHAR(64)  NOT NULL DEFAULT '',
    userid          VARCHAR(64)  NOT NULL DEFAULT '',
    code            VARCHAR(64)  NOT NULL DEFAULT '',
    task_id         INTEGER      NULL,
    status          VARCHAR(24)  NOT NULL,
    reason          VARCHAR(255) NOT NULL DEFAULT '',
    created_at      DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_reward_grants_key ON reward_grants (corp_id, grant_key);
CREATE INDEX idx_reward_grants_reward ON reward_grants (corp_id, reward_id, id);

CREATE TABLE member_points (
    id         INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER      NOT NULL,
    member_id  INTEGER      NOT NULL,
    points     INTEGER      NOT NULL,
    entry_key  VARCHAR(128) NOT NULL,
    reason     VARCHAR(255) NOT NULL DEFAULT '',
    created_at DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_member_points_key ON member_points (corp_id, entry_key);
CREATE INDEX idx_member_points_member ON member_points (corp_id, member_id, id);

-- +goose Down
DROP TABLE member_points;
DROP TABLE reward_grants;
DROP TABLE reward_codes;
DROP TABLE rewards;
