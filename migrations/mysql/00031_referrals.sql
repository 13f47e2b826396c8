-- +goose Up
-- Referral campaigns (裂变). One contact way (a channel) or one join way per
-- campaign, never one per inviter: WeCom's 500,000 configs are shared and
-- never given back. Participants share a mini-program code whose scene is
-- an opaque key (UNIQUE per corp). A pending pair is the first scan of an
-- invitee in a campaign (first scan wins); a help is one invitee's arrival
-- (UNIQUE per campaign and invitee: a re-add never counts twice). Helps are
-- judged from observations, one row per callback fact, so duplicated and
-- reordered callbacks reach the same verdict.
CREATE TABLE referral_campaigns (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id          BIGINT UNSIGNED NOT NULL,
    name             VARCHAR(64)     NOT NULL,
    kind             VARCHAR(8)      NOT NULL,
    status           VARCHAR(12)     NOT NULL,
    title            VARCHAR(64)     NOT NULL DEFAULT '',
    starts_at        DATETIME(3)     NOT NULL,
    ends_at          DATETIME(3)     NOT NULL,
    channel_id       BIGINT UNSIGNED NULL,
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
    poster_id        BIGINT UNSIGNED NULL,
    created_by       VARCHAR(96)     NOT NULL DEFAULT '',
    created_at       DATETIME(3)     NOT NULL,
    updated_at       DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_referral_campaigns_state (corp_id, state),
    KEY idx_referral_campaigns_window (corp_id, ends_at),
    CONSTRAINT fk_referral_campaigns_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE referral_participants (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    campaign_id BIGINT UNSIGNED NOT NULL,
    unionid     VARCHAR(64)     NOT NULL,
    openid      VARCHAR(64)     NOT NULL DEFAULT '',
    member_id   BIGINT UNSIGNED NULL,
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
    version     BIGINT          NOT NULL DEFAULT 0,
    created_at  DATETIME(3)     NOT NULL,
    updated_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_referral_participants (campaign_id, unionid),
    UNIQUE KEY uq_referral_participants_scene (corp_id, scene),
    KEY idx_referral_participants_rank (campaign_id, credited),
    CONSTRAINT fk_referral_participants_campaign FOREIGN KEY (campaign_id) REFERENCES referral_campaigns (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE referral_pending (
    corp_id         BIGINT UNSIGNED NOT NULL,
    campaign_id     BIGINT UNSIGNED NOT NULL,
    invitee_unionid VARCHAR(64)     NOT NULL,
    invitee_openid  VARCHAR(64)     NOT NULL DEFAULT '',
    participant_id  BIGINT UNSIGNED NOT NULL,
    scanned_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (campaign_id, invitee_unionid),
    KEY idx_referral_pending_invitee (corp_id, invitee_unionid),
    KEY idx_referral_pending_participant (participant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE referral_helps (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    campaign_id     BIGINT UNSIGNED NOT NULL,
    participant_id  BIGINT UNSIGNED NOT NULL,
    invitee_unionid VARCHAR(64)     NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    userid          VARCHAR(64)     NOT NULL DEFAULT '',
    chat_id         VARCHAR(64)     NOT NULL DEFAULT '',
    store_id        BIGINT UNSIGNED NULL,
    arrived_at      DATETIME(3)     NOT NULL,
    status          VARCHAR(12)     NOT NULL,
    reason          VARCHAR(12)     NOT NULL DEFAULT '',
    decision        VARCHAR(8)      NOT NULL DEFAULT '',
    credited_at     DATETIME(3)     NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_referral_helps (campaign_id, invitee_unionid),
    KEY idx_referral_helps_participant (participant_id, arrived_at),
    KEY idx_referral_helps_status (corp_id, status, arrived_at),
    KEY idx_referral_helps_external (corp_id, external_userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE referral_observations (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    event_key       VARCHAR(128)    NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    kind            VARCHAR(8)      NOT NULL,
    userid          VARCHAR(64)     NOT NULL DEFAULT '',
    chat_id         VARCHAR(64)     NOT NULL DEFAULT '',
    state           VARCHAR(64)     NOT NULL DEFAULT '',
    at              DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_referral_observations (corp_id, event_key, external_userid, kind),
    KEY idx_referral_observations_customer (corp_id, external_userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE referral_blacklist (
    corp_id    BIGINT UNSIGNED NOT NULL,
    unionid    VARCHAR(64)     NOT NULL,
    reason     VARCHAR(128)    NOT NULL DEFAULT '',
    created_by VARCHAR(96)     NOT NULL DEFAULT '',
    created_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, unionid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per (participant, tier) once the tier is reached: the grant's
-- outcome, so a reward is asked for once and a figure can count them.
CREATE TABLE referral_rewards (
    corp_id        BIGINT UNSIGNED NOT NULL,
    participant_id BIGINT UNSIGNED NOT NULL,
    tier           INT             NOT NULL,
    campaign_id    BIGINT UNSIGNED NOT NULL,
    reward_id      BIGINT UNSIGNED NOT NULL,
    status         VARCHAR(12)     NOT NULL,
    grant_id       BIGINT UNSIGNED NULL,
    cost_cents     BIGINT          NOT NULL DEFAULT 0,
    detail         VARCHAR(256)    NOT NULL DEFAULT '',
    created_at     DATETIME(3)     NOT NULL,
    updated_at     DATETIME(3)     NOT NULL,
    PRIMARY KEY (participant_id, tier),
    KEY idx_referral_rewards_campaign (campaign_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Invitees who only joined a group are found by unionid among group members.
CREATE INDEX idx_group_members_unionid ON group_members (corp_id, unionid);

-- +goose Down
DROP INDEX idx_group_members_unionid ON group_members;
DROP TABLE referral_rewards;
DROP TABLE referral_blacklist;
DROP TABLE referral_observations;
DROP TABLE referral_helps;
DROP TABLE referral_pending;
DROP TABLE referral_participants;
DROP TABLE referral_campaigns;
