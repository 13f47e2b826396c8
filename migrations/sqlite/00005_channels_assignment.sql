-- +goose Up
-- Channels (渠道活码): see the MySQL migration for the why of each column.
CREATE TABLE channels (
    id            INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id       INTEGER      NOT NULL REFERENCES corps (id),
    state         VARCHAR(30)  NOT NULL,
    name          VARCHAR(64)  NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    store_id      INTEGER      NULL,
    config_id     VARCHAR(64)  NOT NULL DEFAULT '',
    qr_code       VARCHAR(512) NOT NULL DEFAULT '',
    skip_verify   BOOLEAN      NOT NULL DEFAULT 1,
    welcome       TEXT         NULL,
    tag_ids       TEXT         NULL,
    daily_cap     INTEGER      NOT NULL DEFAULT 0,
    pick          VARCHAR(16)  NOT NULL DEFAULT 'round_robin',
    backup_userid VARCHAR(64)  NOT NULL DEFAULT '',
    city          VARCHAR(64)  NOT NULL DEFAULT '',
    latitude      INTEGER      NULL,
    longitude     INTEGER      NULL,
    last_userid   VARCHAR(64)  NOT NULL DEFAULT '',
    routed_to     TEXT         NULL,
    status        VARCHAR(16)  NOT NULL DEFAULT 'active',
    created_at    DATETIME     NOT NULL,
    updated_at    DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id)
);
CREATE UNIQUE INDEX uk_channels_state ON channels (corp_id, state);
CREATE UNIQUE INDEX uk_channels_corp_id ON channels (corp_id, id);

CREATE TABLE channel_members (
    channel_id INTEGER     NOT NULL,
    corp_id    INTEGER     NOT NULL,
    userid     VARCHAR(64) NOT NULL,
    position   INTEGER     NOT NULL DEFAULT 0,
    shifts     TEXT        NULL,
    PRIMARY KEY (channel_id, userid),
    FOREIGN KEY (corp_id, channel_id) REFERENCES channels (corp_id, id) ON DELETE CASCADE
);

CREATE TABLE customer_owners (
    corp_id         INTEGER     NOT NULL REFERENCES corps (id),
    scope           INTEGER     NOT NULL,
    external_userid VARCHAR(64) NOT NULL,
    userid          VARCHAR(64) NOT NULL DEFAULT '',
    store_id        INTEGER     NULL,
    channel_id      INTEGER     NULL,
    status          VARCHAR(16) NOT NULL,
    assigned_at     DATETIME    NOT NULL,
    updated_at      DATETIME    NOT NULL,
    PRIMARY KEY (corp_id, scope, external_userid)
);
CREATE INDEX idx_customer_owners_customer ON customer_owners (corp_id, external_userid);
CREATE INDEX idx_customer_owners_guide ON customer_owners (corp_id, userid, status);
CREATE INDEX idx_customer_owners_store ON customer_owners (corp_id, store_id, status);
CREATE INDEX idx_customer_owners_status ON customer_owners (corp_id, status);

CREATE TABLE assignments (
    id              INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER      NOT NULL REFERENCES corps (id),
    scope           INTEGER      NOT NULL,
    external_userid VARCHAR(64)  NOT NULL,
    from_userid     VARCHAR(64)  NOT NULL DEFAULT '',
    to_userid       VARCHAR(64)  NOT NULL DEFAULT '',
    from_store_id   INTEGER      NULL,
    to_store_id     INTEGER      NULL,
    channel_id      INTEGER      NULL,
    rule            VARCHAR(32)  NOT NULL,
    reason          VARCHAR(255) NOT NULL DEFAULT '',
    actor           VARCHAR(96)  NOT NULL,
    event_key       VARCHAR(96)  NOT NULL,
    created_at      DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_assignments_event ON assignments (corp_id, event_key);
CREATE INDEX idx_assignments_customer ON assignments (corp_id, external_userid, id);

CREATE TABLE guide_daily_adds (
    corp_id    INTEGER     NOT NULL,
    channel_id INTEGER     NOT NULL,
    userid     VARCHAR(64) NOT NULL,
    day        DATE        NOT NULL,
    adds       INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, channel_id, userid, day)
);

CREATE TABLE welcome_sends (
    id              INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER      NOT NULL REFERENCES corps (id),
    event_key       VARCHAR(96)  NOT NULL,
    userid          VARCHAR(64)  NOT NULL,
    external_userid VARCHAR(64)  NOT NULL,
    channel_id      INTEGER      NULL,
    status          VARCHAR(16)  NOT NULL,
    content         TEXT         NULL,
    error           VARCHAR(512) NOT NULL DEFAULT '',
    sent_at         DATETIME     NULL,
    created_at      DATETIME     NOT NULL,
    updated_at      DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_welcome_sends_event ON welcome_sends (corp_id, event_key);
CREATE INDEX idx_welcome_sends_customer ON welcome_sends (corp_id, external_userid);

CREATE TABLE guide_tasks (
    id              INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER      NOT NULL REFERENCES corps (id),
    userid          VARCHAR(64)  NOT NULL,
    external_userid VARCHAR(64)  NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    title           VARCHAR(255) NOT NULL,
    status          VARCHAR(16)  NOT NULL DEFAULT 'open',
    due_at          DATETIME     NULL,
    source          VARCHAR(96)  NOT NULL,
    done_at         DATETIME     NULL,
    created_at      DATETIME     NOT NULL,
    updated_at      DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_guide_tasks_source ON guide_tasks (corp_id, kind, source);
CREATE INDEX idx_guide_tasks_guide ON guide_tasks (corp_id, userid, status);
CREATE INDEX idx_guide_tasks_customer ON guide_tasks (corp_id, external_userid, status);

CREATE TABLE assign_locks (
    corp_id INTEGER NOT NULL PRIMARY KEY
);

-- +goose Down
DROP TABLE assign_locks;
DROP TABLE guide_tasks;
DROP TABLE welcome_sends;
DROP TABLE guide_daily_adds;
DROP TABLE assignments;
DROP TABLE customer_owners;
DROP TABLE channel_members;
DROP TABLE channels;
