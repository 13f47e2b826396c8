-- +goose Up
-- Referral campaigns: see the MySQL migration of the same number for the why.
CREATE TABLE referral_campaigns (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id          INTEGER NOT NULL,
    name             VARCHAR(64)     NOT NULL,
    kind             VARCHAR(8)      NOT NULL,
    status           VARCHAR(12)     NOT NULL,
    title            VARCHAR(64)     NOT NULL DEFAULT '',
    starts_at        DATETIME     NOT NULL,
    ends_at          DATETIME     NOT NULL,
    channel_id       INTEGER NULL,
    state            VARCHAR(32)     NOT NULL,
    join_config_id   VARCHAR(64)     NOT NULL DEFAULT '',
    link_id          VARCHAR(64)     NOT NULL DEFAULT '',
    link_url         VARCHAR(256)    NOT NULL DEFAULT '',
    qr_code          VARCHAR(512)    NOT NULL DEFAULT '',
    chat_ids         TEXT            NOT NULL,
    group_base       VARCHAR(40)     NOT NULL DEFAULT '',
    group_number     INT             NOT NULL DEFAULT 0,
    tiers            TEXT            NOT NULL,
    hold_hours       INT             NOT NULL DEFAULT 0,
    velocity_max     INT             NOT NULL DEFAULT 0,
    velocity_minutes INT             NOT NULL DEFAULT 0,
    rules            TEXT            NOT NULL,
    poster_id        INTEGER NULL,
    created_by       VARCHAR(96)     NOT NULL DEFAULT '',
    created_at       DATETIME     NOT NULL,
    updated_at       DATETIME     NOT NULL,
    CONSTRAINT uq_referral_campaigns_state UNIQUE (corp_id, state)
);

CREATE TABLE referral_participants (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER NOT NULL,
    campaign_id INTEGER NOT NULL,
    unionid     VARCHAR(64)     NOT NULL,
    openid      VARCHAR(64)     NOT NULL DEFAULT '',
    member_id   INTEGER NULL,
    name        VARCHAR(64)     NOT NULL DEFAULT '',
    avatar      VARCHAR(512)    NOT NULL DEFAULT '',
    scene       VARCHAR(32)     NOT NULL,
    visits      INT             NOT NULL DEFAULT 0,
    shares      INT             NOT NULL DEFAULT 0,
    invitees    INT             NOT NULL DEFAULT 0,
    held        INT             NOT NULL DEFAULT 0,
    credited    INT             NOT NULL DEFAULT 0,
    review      INT             NOT NULL DEFAULT 0,
    voided      INT             NOT NULL DEFAULT 0,
    version     INTEGER          NOT NULL DEFAULT 0,
    created_at  DATETIME     NOT NULL,
    updated_at  DATETIME     NOT NULL,
    CONSTRAINT uq_referral_participants UNIQUE (campaign_id, unionid),
    CONSTRAINT uq_referral_participants_scene UNIQUE (corp_id, scene)
);

CREATE TABLE referral_pending (
    corp_id         INTEGER NOT NULL,
    campaign_id     INTEGER NOT NULL,
    invitee_unionid VARCHAR(64)     NOT NULL,
    invitee_openid  VARCHAR(64)     NOT NULL DEFAULT '',
    participant_id  INTEGER NOT NULL,
    scanned_at      DATETIME     NOT NULL,
    PRIMARY KEY (campaign_id, invitee_unionid)
);

CREATE TABLE referral_helps (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER NOT NULL,
    campaign_id     INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL,
    invitee_unionid VARCHAR(64)     NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    userid          VARCHAR(64)     NOT NULL DEFAULT '',
    chat_id         VARCHAR(64)     NOT NULL DEFAULT '',
    store_id        INTEGER NULL,
    arrived_at      DATETIME     NOT NULL,
    status          VARCHAR(12)     NOT NULL,
    reason          VARCHAR(12)     NOT NULL DEFAULT '',
    decision        VARCHAR(8)      NOT NULL DEFAULT '',
    credited_at     DATETIME     NULL,
    updated_at      DATETIME     NOT NULL,
    CONSTRAINT uq_referral_helps UNIQUE (campaign_id, invitee_unionid)
);

CREATE TABLE referral_observations (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER NOT NULL,
    event_key       VARCHAR(128)    NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    kind            VARCHAR(8)      NOT NULL,
    userid          VARCHAR(64)     NOT NULL DEFAULT '',
    chat_id         VARCHAR(64)     NOT NULL DEFAULT '',
    state           VARCHAR(64)     NOT NULL DEFAULT '',
    at              DATETIME     NOT NULL,
    CONSTRAINT uq_referral_observations UNIQUE (corp_id, event_key, external_userid, kind)
);

CREATE TABLE referral_blacklist (
    corp_id    INTEGER NOT NULL,
    unionid    VARCHAR(64)     NOT NULL,
    reason     VARCHAR(128)    NOT NULL DEFAULT '',
    created_by VARCHAR(96)     NOT NULL DEFAULT '',
    created_at DATETIME     NOT NULL,
    PRIMARY KEY (corp_id, unionid)
);

-- One row per (participant, tier) once the tier is reached: the grant's
-- outcome, so a reward is asked for once and a figure can count them.
CREATE TABLE referral_rewards (
    corp_id        INTEGER NOT NULL,
    participant_id INTEGER NOT NULL,
    tier           INT             NOT NULL,
    campaign_id    INTEGER NOT NULL,
    reward_id      INTEGER NOT NULL,
    status         VARCHAR(12)     NOT NULL,
    grant_id       INTEGER NULL,
    cost_cents     INTEGER          NOT NULL DEFAULT 0,
    detail         VARCHAR(256)    NOT NULL DEFAULT '',
    created_at     DATETIME     NOT NULL,
    updated_at     DATETIME     NOT NULL,
    PRIMARY KEY (participant_id, tier)
);
CREATE INDEX idx_referral_campaigns_window ON referral_campaigns (corp_id, ends_at);
CREATE INDEX idx_referral_participants_rank ON referral_participants (campaign_id, credited);
CREATE INDEX idx_referral_pending_invitee ON referral_pending (corp_id, invitee_unionid);
CREATE INDEX idx_referral_pending_participant ON referral_pending (participant_id);
CREATE INDEX idx_referral_helps_participant ON referral_helps (participant_id, arrived_at);
CREATE INDEX idx_referral_helps_status ON referral_helps (corp_id, status, arrived_at);
CREATE INDEX idx_referral_helps_external ON referral_helps (corp_id, external_userid);
CREATE INDEX idx_referral_observations_customer ON referral_observations (corp_id, external_userid);
CREATE INDEX idx_referral_rewards_campaign ON referral_rewards (campaign_id, status);

-- Invitees who only joined a group are found by unionid among group members.
CREATE INDEX idx_group_members_unionid ON group_members (corp_id, unionid);

-- +goose Down
DROP INDEX idx_group_members_unionid;
DROP TABLE referral_rewards;
DROP TABLE referral_blacklist;
DROP TABLE referral_observations;
DROP TABLE referral_helps;
DROP TABLE referral_pending;
DROP TABLE referral_participants;
DROP TABLE referral_campaigns;
