-- +goose Up
-- WeCom credentials of a corp; every secret is sealed with the deployment key.
ALTER TABLE corps ADD COLUMN agent_id VARCHAR(32) NOT NULL DEFAULT '';
ALTER TABLE corps ADD COLUMN contact_secret TEXT NULL;
ALTER TABLE corps ADD COLUMN agent_secret TEXT NULL;
ALTER TABLE corps ADD COLUMN callback_token TEXT NULL;
ALTER TABLE corps ADD COLUMN encoding_aes_key TEXT NULL;
-- Members of the corp (成员); guides are members.
CREATE TABLE staff (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER NOT NULL,
    userid          VARCHAR(64)     NOT NULL,
    name            VARCHAR(128)    NOT NULL DEFAULT '',
    contact_enabled BOOLEAN      NOT NULL DEFAULT 0,
    synced_at       DATETIME     NULL,
    created_at      DATETIME     NOT NULL,
    updated_at      DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_staff_userid ON staff (corp_id, userid);
-- External contacts (客户), mirrored from externalcontact/get.
CREATE TABLE customers (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    unionid         VARCHAR(64)     NOT NULL DEFAULT '',
    name            VARCHAR(128)    NOT NULL DEFAULT '',
    type            TINYINT         NOT NULL DEFAULT 0,
    gender          TINYINT         NOT NULL DEFAULT 0,
    avatar          VARCHAR(512)    NOT NULL DEFAULT '',
    corp_name       VARCHAR(128)    NOT NULL DEFAULT '',
    synced_at       DATETIME     NULL,
    created_at      DATETIME     NOT NULL,
    updated_at      DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_customers_external ON customers (corp_id, external_userid);
CREATE INDEX idx_customers_unionid ON customers (corp_id, unionid);
-- Follow relations (跟进关系): member × customer. A deleted relation keeps
-- its row: deleted_at is WeCom's time of the deletion event and add_time the
-- time of the add WeCom reports, so a late event older than what the row
-- already reflects cannot undo it.
CREATE TABLE follows (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id            INTEGER NOT NULL,
    userid             VARCHAR(64)     NOT NULL,
    external_userid    VARCHAR(64)     NOT NULL,
    remark             VARCHAR(128)    NOT NULL DEFAULT '',
    description        VARCHAR(255)    NOT NULL DEFAULT '',
    add_time           DATETIME     NULL,
    add_way            INT             NOT NULL DEFAULT 0,
    state              VARCHAR(64)     NOT NULL DEFAULT '',
    oper_userid        VARCHAR(64)     NOT NULL DEFAULT '',
    deleted_at         DATETIME     NULL,
    deleted_by         VARCHAR(16)     NOT NULL DEFAULT '',
    synced_at          DATETIME     NULL,
    created_at         DATETIME     NOT NULL,
    updated_at         DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_follows_pair ON follows (corp_id, userid, external_userid);
CREATE INDEX idx_follows_customer ON follows (corp_id, external_userid);
-- Corp tags on a follow relation (mark_tag), replaced as a set on each sync.
CREATE TABLE follow_tags (
    corp_id         INTEGER NOT NULL,
    userid          VARCHAR(64)     NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    tag_id          VARCHAR(64)     NOT NULL,
    tag_type        TINYINT         NOT NULL DEFAULT 1,
    PRIMARY KEY (corp_id, userid, external_userid, tag_id)
);
CREATE INDEX idx_follow_tags_tag ON follow_tags (corp_id, tag_id);
-- Customer groups (客户群).
CREATE TABLE customer_groups (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id        INTEGER NOT NULL,
    chat_id        VARCHAR(64)     NOT NULL,
    name           VARCHAR(128)    NOT NULL DEFAULT '',
    owner          VARCHAR(64)     NOT NULL DEFAULT '',
    notice         TEXT            NULL,
    create_time    DATETIME     NULL,
    member_version VARCHAR(64)     NOT NULL DEFAULT '',
    status         TINYINT         NOT NULL DEFAULT 0,
    dismissed_at   DATETIME     NULL,
    synced_at      DATETIME     NULL,
    created_at     DATETIME     NOT NULL,
    updated_at     DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_customer_groups_chat ON customer_groups (corp_id, chat_id);
-- Group membership; a member who left keeps the row with left_at.
CREATE TABLE group_members (
    id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id        INTEGER NOT NULL,
    chat_id        VARCHAR(64)     NOT NULL,
    member_id      VARCHAR(64)     NOT NULL,
    type           TINYINT         NOT NULL DEFAULT 0,
    unionid        VARCHAR(64)     NOT NULL DEFAULT '',
    name           VARCHAR(128)    NOT NULL DEFAULT '',
    group_nickname VARCHAR(128)    NOT NULL DEFAULT '',
    join_time      DATETIME     NULL,
    join_scene     TINYINT         NOT NULL DEFAULT 0,
    invitor        VARCHAR(64)     NOT NULL DEFAULT '',
    state          VARCHAR(64)     NOT NULL DEFAULT '',
    left_at        DATETIME     NULL,
    created_at     DATETIME     NOT NULL,
    updated_at     DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_group_members ON group_members (corp_id, chat_id, member_id);
CREATE INDEX idx_group_members_member ON group_members (corp_id, member_id);
-- Corp tag library (企业标签): groups and their tags.
CREATE TABLE corp_tag_groups (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER NOT NULL,
    group_id    VARCHAR(64)     NOT NULL,
    name        VARCHAR(64)     NOT NULL DEFAULT '',
    sort_order  BIGINT          NOT NULL DEFAULT 0,
    create_time DATETIME     NULL,
    deleted_at  DATETIME     NULL,
    created_at  DATETIME     NOT NULL,
    updated_at  DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_corp_tag_groups ON corp_tag_groups (corp_id, group_id);
CREATE TABLE corp_tags (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER NOT NULL,
    tag_id      VARCHAR(64)     NOT NULL,
    group_id    VARCHAR(64)     NOT NULL,
    name        VARCHAR(64)     NOT NULL DEFAULT '',
    sort_order  BIGINT          NOT NULL DEFAULT 0,
    create_time DATETIME     NULL,
    deleted_at  DATETIME     NULL,
    created_at  DATETIME     NOT NULL,
    updated_at  DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_corp_tags ON corp_tags (corp_id, tag_id);
CREATE INDEX idx_corp_tags_group ON corp_tags (corp_id, group_id);
-- The callback inbox: one row per distinct event (by dedupe key). Its move
-- from pending to applied is committed with the event's effects, which is
-- what makes every event take effect exactly once.
CREATE TABLE wecom_events (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER NOT NULL,
    dedupe_key  CHAR(64)        NOT NULL,
    kind        VARCHAR(96)     NOT NULL,
    payload     TEXT      NOT NULL,
    event_time  DATETIME     NOT NULL,
    status      VARCHAR(16)     NOT NULL,
    attempts    INT             NOT NULL DEFAULT 0,
    last_error  TEXT            NULL,
    received_at DATETIME     NOT NULL,
    applied_at  DATETIME     NULL
);
CREATE UNIQUE INDEX uk_wecom_events_key ON wecom_events (corp_id, dedupe_key);
CREATE INDEX idx_wecom_events_status ON wecom_events (status, received_at);
-- Runs of full sync and reconcile, with the cursor they resume from.
CREATE TABLE wecom_syncs (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER NOT NULL,
    kind        VARCHAR(16)     NOT NULL,
    status      VARCHAR(16)     NOT NULL,
    phase       VARCHAR(32)     NOT NULL DEFAULT '',
    cursor_json TEXT            NULL,
    customers   INT             NOT NULL DEFAULT 0,
    follows     INT             NOT NULL DEFAULT 0,
    groups_seen INT             NOT NULL DEFAULT 0,
    drift_json  TEXT            NULL,
    last_error  TEXT            NULL,
    started_at  DATETIME     NOT NULL,
    finished_at DATETIME     NULL,
    updated_at  DATETIME     NOT NULL
);
CREATE INDEX idx_wecom_syncs_corp ON wecom_syncs (corp_id, kind, id);

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
ALTER TABLE corps DROP COLUMN agent_id;
ALTER TABLE corps DROP COLUMN contact_secret;
ALTER TABLE corps DROP COLUMN agent_secret;
ALTER TABLE corps DROP COLUMN callback_token;
ALTER TABLE corps DROP COLUMN encoding_aes_key;
