-- +goose Up
-- WeCom credentials of a corp; every secret is sealed with the deployment key.
ALTER TABLE corps
    ADD COLUMN agent_id         VARCHAR(32) NOT NULL DEFAULT '',
    ADD COLUMN contact_secret   TEXT        NULL,
    ADD COLUMN agent_secret     TEXT        NULL,
    ADD COLUMN callback_token   TEXT        NULL,
    ADD COLUMN encoding_aes_key TEXT        NULL;

-- Members of the corp (成员); guides are members.
CREATE TABLE staff (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    userid          VARCHAR(64)     NOT NULL,
    name            VARCHAR(128)    NOT NULL DEFAULT '',
    contact_enabled TINYINT(1)      NOT NULL DEFAULT 0,
    synced_at       DATETIME(3)     NULL,
    created_at      DATETIME(3)     NOT NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_staff_userid (corp_id, userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- External contacts (客户), mirrored from externalcontact/get.
CREATE TABLE customers (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    unionid         VARCHAR(64)     NOT NULL DEFAULT '',
    name            VARCHAR(128)    NOT NULL DEFAULT '',
    type            TINYINT         NOT NULL DEFAULT 0,
    gender          TINYINT         NOT NULL DEFAULT 0,
    avatar          VARCHAR(512)    NOT NULL DEFAULT '',
    corp_name       VARCHAR(128)    NOT NULL DEFAULT '',
    synced_at       DATETIME(3)     NULL,
    created_at      DATETIME(3)     NOT NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_customers_external (corp_id, external_userid),
    KEY idx_customers_unionid (corp_id, unionid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Follow relations (跟进关系): member × customer. A deleted relation keeps
-- its row: deleted_at is WeCom's time of the deletion event and add_time the
-- time of the add WeCom reports, so a late event older than what the row
-- already reflects cannot undo it.
CREATE TABLE follows (
    id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id            BIGINT UNSIGNED NOT NULL,
    userid             VARCHAR(64)     NOT NULL,
    external_userid    VARCHAR(64)     NOT NULL,
    remark             VARCHAR(128)    NOT NULL DEFAULT '',
    description        VARCHAR(255)    NOT NULL DEFAULT '',
    add_time           DATETIME(3)     NULL,
    add_way            INT             NOT NULL DEFAULT 0,
    state              VARCHAR(64)     NOT NULL DEFAULT '',
    oper_userid        VARCHAR(64)     NOT NULL DEFAULT '',
    deleted_at         DATETIME(3)     NULL,
    deleted_by         VARCHAR(16)     NOT NULL DEFAULT '',
    synced_at          DATETIME(3)     NULL,
    created_at         DATETIME(3)     NOT NULL,
    updated_at         DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_follows_pair (corp_id, userid, external_userid),
    KEY idx_follows_customer (corp_id, external_userid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Corp tags on a follow relation (mark_tag), replaced as a set on each sync.
CREATE TABLE follow_tags (
    corp_id         BIGINT UNSIGNED NOT NULL,
    userid          VARCHAR(64)     NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    tag_id          VARCHAR(64)     NOT NULL,
    tag_type        TINYINT         NOT NULL DEFAULT 1,
    PRIMARY KEY (corp_id, userid, external_userid, tag_id),
    KEY idx_follow_tags_tag (corp_id, tag_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Customer groups (客户群).
CREATE TABLE customer_groups (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id        BIGINT UNSIGNED NOT NULL,
    chat_id        VARCHAR(64)     NOT NULL,
    name           VARCHAR(128)    NOT NULL DEFAULT '',
    owner          VARCHAR(64)     NOT NULL DEFAULT '',
    notice         TEXT            NULL,
    create_time    DATETIME(3)     NULL,
    member_version VARCHAR(64)     NOT NULL DEFAULT '',
    status         TINYINT         NOT NULL DEFAULT 0,
    dismissed_at   DATETIME(3)     NULL,
    synced_at      DATETIME(3)     NULL,
    created_at     DATETIME(3)     NOT NULL,
    updated_at     DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_customer_groups_chat (corp_id, chat_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Group membership; a member who left keeps the row with left_at.
CREATE TABLE group_members (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id        BIGINT UNSIGNED NOT NULL,
    chat_id        VARCHAR(64)     NOT NULL,
    member_id      VARCHAR(64)     NOT NULL,
    type           TINYINT         NOT NULL DEFAULT 0,
    unionid        VARCHAR(64)     NOT NULL DEFAULT '',
    name           VARCHAR(128)    NOT NULL DEFAULT '',
    group_nickname VARCHAR(128)    NOT NULL DEFAULT '',
    join_time      DATETIME(3)     NULL,
    join_scene     TINYINT         NOT NULL DEFAULT 0,
    invitor        VARCHAR(64)     NOT NULL DEFAULT '',
    state          VARCHAR(64)     NOT NULL DEFAULT '',
    left_at        DATETIME(3)     NULL,
    created_at     DATETIME(3)     NOT NULL,
    updated_at     DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_group_members (corp_id, chat_id, member_id),
    KEY idx_group_members_member (corp_id, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Corp tag library (企业标签): groups and their tags.
CREATE TABLE corp_tag_groups (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    group_id    VARCHAR(64)     NOT NULL,
    name        VARCHAR(64)     NOT NULL DEFAULT '',
    sort_order  BIGINT          NOT NULL DEFAULT 0,
    create_time DATETIME(3)     NULL,
    deleted_at  DATETIME(3)     NULL,
    created_at  DATETIME(3)     NOT NULL,
    updated_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_corp_tag_groups (corp_id, group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE corp_tags (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    tag_id      VARCHAR(64)     NOT NULL,
    group_id    VARCHAR(64)     NOT NULL,
    name        VARCHAR(64)     NOT NULL DEFAULT '',
    sort_order  BIGINT          NOT NULL DEFAULT 0,
    create_time DATETIME(3)     NULL,
    deleted_at  DATETIME(3)     NULL,
    created_at  DATETIME(3)     NOT NULL,
    updated_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_corp_tags (corp_id, tag_id),
    KEY idx_corp_tags_group (corp_id, group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The callback inbox: one row per distinct event (by dedupe key). Its move
-- from pending to applied is committed with the event's effects, which is
-- what makes every event take effect exactly once.
CREATE TABLE wecom_events (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    dedupe_key  CHAR(64)        NOT NULL,
    kind        VARCHAR(96)     NOT NULL,
    payload     MEDIUMTEXT      NOT NULL,
    event_time  DATETIME(3)     NOT NULL,
    status      VARCHAR(16)     NOT NULL,
    attempts    INT             NOT NULL DEFAULT 0,
    last_error  TEXT            NULL,
    received_at DATETIME(3)     NOT NULL,
    applied_at  DATETIME(3)     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_wecom_events_key (corp_id, dedupe_key),
    KEY idx_wecom_events_status (status, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Runs of full sync and reconcile, with the cursor they resume from.
CREATE TABLE wecom_syncs (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    kind        VARCHAR(16)     NOT NULL,
    status      VARCHAR(16)     NOT NULL,
    phase       VARCHAR(32)     NOT NULL DEFAULT '',
    cursor_json TEXT            NULL,
    customers   INT             NOT NULL DEFAULT 0,
    follows     INT             NOT NULL DEFAULT 0,
    groups_seen INT             NOT NULL DEFAULT 0,
    drift_json  TEXT            NULL,
    last_error  TEXT            NULL,
    started_at  DATETIME(3)     NOT NULL,
    finished_at DATETIME(3)     NULL,
    updated_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_wecom_syncs_corp (corp_id, kind, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE wecom_syncs;
DROP TABLE wecom_events;
DROP TABLE corp_tags;
DROP TABLE corp_tag_groups;
DROP TABLE group_members;
DROP TABLE customer_groups;
DROP TABLE follow_tags;
DROP TABLE follows;
DROP TABLE customers;
DROP TABLE staff;
ALTER TABLE corps
    DROP COLUMN agent_id,
    DROP COLUMN contact_secret,
    DROP COLUMN agent_secret,
    DROP COLUMN callback_token,
    DROP COLUMN encoding_aes_key;
