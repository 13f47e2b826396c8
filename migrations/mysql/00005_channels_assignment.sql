-- +goose Up
-- Channels (渠道活码): a WeCom contact way per row, its state the code the
-- add event carries back, and the rules for customers who add through it.
CREATE TABLE channels (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id       BIGINT UNSIGNED NOT NULL,
    state         VARCHAR(30)     NOT NULL,
    name          VARCHAR(64)     NOT NULL,
    kind          VARCHAR(16)     NOT NULL,
    store_id      BIGINT UNSIGNED NULL,
    config_id     VARCHAR(64)     NOT NULL DEFAULT '',
    qr_code       VARCHAR(512)    NOT NULL DEFAULT '',
    skip_verify   TINYINT(1)      NOT NULL DEFAULT 1,
    welcome       TEXT            NULL,
    tag_ids       TEXT            NULL,
    daily_cap     INT             NOT NULL DEFAULT 0,
    pick          VARCHAR(16)     NOT NULL DEFAULT 'round_robin',
    backup_userid VARCHAR(64)     NOT NULL DEFAULT '',
    city          VARCHAR(64)     NOT NULL DEFAULT '',
    latitude      BIGINT          NULL,
    longitude     BIGINT          NULL,
    -- the guide a round-robin channel gave its last customer to
    last_userid   VARCHAR(64)     NOT NULL DEFAULT '',
    -- the member list last sent to WeCom, comma-separated, to skip no-op updates
    routed_to     TEXT            NULL,
    status        VARCHAR(16)     NOT NULL DEFAULT 'active',
    created_at    DATETIME(3)     NOT NULL,
    updated_at    DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_channels_state (corp_id, state),
    UNIQUE KEY uk_channels_corp_id (corp_id, id),
    CONSTRAINT fk_channels_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_channels_store FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The guides of a channel and their shifts (JSON: [{days, from, to}]).
CREATE TABLE channel_members (
    channel_id BIGINT UNSIGNED NOT NULL,
    corp_id    BIGINT UNSIGNED NOT NULL,
    userid     VARCHAR(64)     NOT NULL,
    position   INT             NOT NULL DEFAULT 0,
    shifts     TEXT            NULL,
    PRIMARY KEY (channel_id, userid),
    CONSTRAINT fk_channel_members_channel FOREIGN KEY (corp_id, channel_id) REFERENCES channels (corp_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who owns each customer (归属导购 / 归属门店), per scope: 0 the corp's
-- shared pool, or a brand keeping its customers apart.
CREATE TABLE customer_owners (
    corp_id         BIGINT UNSIGNED NOT NULL,
    scope           BIGINT UNSIGNED NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    userid          VARCHAR(64)     NOT NULL DEFAULT '',
    store_id        BIGINT UNSIGNED NULL,
    channel_id      BIGINT UNSIGNED NULL,
    status          VARCHAR(16)     NOT NULL,
    assigned_at     DATETIME(3)     NOT NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, scope, external_userid),
    KEY idx_customer_owners_customer (corp_id, external_userid),
    KEY idx_customer_owners_guide (corp_id, userid, status),
    KEY idx_customer_owners_store (corp_id, store_id, status),
    KEY idx_customer_owners_status (corp_id, status),
    CONSTRAINT fk_customer_owners_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every owner decision, kept forever. event_key names the cause (an add
-- event's dedupe key, a transfer item…): one decision per cause.
CREATE TABLE assignments (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    scope           BIGINT UNSIGNED NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    from_userid     VARCHAR(64)     NOT NULL DEFAULT '',
    to_userid       VARCHAR(64)     NOT NULL DEFAULT '',
    from_store_id   BIGINT UNSIGNED NULL,
    to_store_id     BIGINT UNSIGNED NULL,
    channel_id      BIGINT UNSIGNED NULL,
    rule            VARCHAR(32)     NOT NULL,
    reason          VARCHAR(255)    NOT NULL DEFAULT '',
    actor           VARCHAR(96)     NOT NULL,
    event_key       VARCHAR(96)     NOT NULL,
    created_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_assignments_event (corp_id, event_key),
    KEY idx_assignments_customer (corp_id, external_userid, id),
    CONSTRAINT fk_assignments_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- New customers a guide took through a channel per day (corp time zone),
-- so daily caps hold under concurrent adds.
CREATE TABLE guide_daily_adds (
    corp_id    BIGINT UNSIGNED NOT NULL,
    channel_id BIGINT UNSIGNED NOT NULL,
    userid     VARCHAR(64)     NOT NULL,
    day        DATE            NOT NULL,
    adds       INT             NOT NULL DEFAULT 0,
    PRIMARY KEY (corp_id, channel_id, userid, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What became of each add's welcome message: one row per add event.
CREATE TABLE welcome_sends (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    event_key       VARCHAR(96)     NOT NULL,
    userid          VARCHAR(64)     NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    channel_id      BIGINT UNSIGNED NULL,
    status          VARCHAR(16)     NOT NULL,
    content         TEXT            NULL,
    error           VARCHAR(512)    NOT NULL DEFAULT '',
    sent_at         DATETIME(3)     NULL,
    created_at      DATETIME(3)     NOT NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_welcome_sends_event (corp_id, event_key),
    KEY idx_welcome_sends_customer (corp_id, external_userid),
    CONSTRAINT fk_welcome_sends_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Things a guide should do about one customer; source names the cause,
-- one task per cause and kind.
CREATE TABLE guide_tasks (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    userid          VARCHAR(64)     NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    kind            VARCHAR(32)     NOT NULL,
    title           VARCHAR(255)    NOT NULL,
    status          VARCHAR(16)     NOT NULL DEFAULT 'open',
    due_at          DATETIME(3)     NULL,
    source          VARCHAR(96)     NOT NULL,
    done_at         DATETIME(3)     NULL,
    created_at      DATETIME(3)     NOT NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_guide_tasks_source (corp_id, kind, source),
    KEY idx_guide_tasks_guide (corp_id, userid, status),
    KEY idx_guide_tasks_customer (corp_id, external_userid, status),
    CONSTRAINT fk_guide_tasks_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per corp, locked by every owner decision: decisions of a corp
-- are taken one at a time, so caps, round-robin turns and loads are
-- exact, and the history's order is the order they were taken in.
CREATE TABLE assign_locks (
    corp_id    BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (corp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE assign_locks;
DROP TABLE guide_tasks;
DROP TABLE welcome_sends;
DROP TABLE guide_daily_adds;
DROP TABLE assignments;
DROP TABLE customer_owners;
DROP TABLE channel_members;
DROP TABLE channels;
