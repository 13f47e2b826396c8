-- +goose Up
-- A round-robin channel's turn is assignment's state, kept by assignment
-- (app/assign), not a column of the channel's row, which app/channel owns.
CREATE TABLE channel_turns (
    corp_id     BIGINT UNSIGNED NOT NULL,
    channel_id  BIGINT UNSIGNED NOT NULL,
    last_userid VARCHAR(64)     NOT NULL,
    updated_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, channel_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO channel_turns (corp_id, channel_id, last_userid, updated_at)
    SELECT corp_id, id, last_userid, updated_at FROM channels WHERE last_userid <> '';
ALTER TABLE channels DROP COLUMN last_userid;

-- Guide tasks (待办) are a capability of their own: listed per store,
-- completed by someone, self-reported or verified.
ALTER TABLE guide_tasks
    ADD COLUMN store_id   BIGINT UNSIGNED NULL AFTER userid,
    ADD COLUMN done_by    VARCHAR(96)     NOT NULL DEFAULT '' AFTER done_at,
    ADD COLUMN done_how   VARCHAR(16)     NOT NULL DEFAULT '' AFTER done_by,
    ADD KEY idx_guide_tasks_store (corp_id, store_id, status, due_at);

-- A welcome claim is a lease: whoever holds it (fence) may send, until
-- lease_until; a runner that died leaves it to expire.
ALTER TABLE welcome_sends
    ADD COLUMN fence       BIGINT      NOT NULL DEFAULT 0 AFTER status,
    ADD COLUMN lease_until DATETIME(3) NULL AFTER fence;

-- Each subscriber's share of an applied WeCom event, written in the same
-- transaction as the event's mirror: the row is the outbox that survives a
-- lost queue, and goes when the subscriber has handled the event.
CREATE TABLE event_deliveries (
    corp_id    BIGINT UNSIGNED NOT NULL,
    event_key  CHAR(64)        NOT NULL,
    subscriber VARCHAR(32)     NOT NULL,
    status     VARCHAR(16)     NOT NULL DEFAULT 'pending',
    attempts   INT             NOT NULL DEFAULT 0,
    last_error VARCHAR(512)    NOT NULL DEFAULT '',
    created_at DATETIME(3)     NOT NULL,
    updated_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, event_key, subscriber),
    KEY idx_event_deliveries_status (status, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A guide's display name, for customers and people (never a userid).
ALTER TABLE guides ADD COLUMN name VARCHAR(64) NOT NULL DEFAULT '' AFTER userid;

-- +goose Down
ALTER TABLE guides DROP COLUMN name;
DROP TABLE event_deliveries;
ALTER TABLE welcome_sends DROP COLUMN lease_until, DROP COLUMN fence;
ALTER TABLE guide_tasks DROP KEY idx_guide_tasks_store, DROP COLUMN done_how, DROP COLUMN done_by, DROP COLUMN store_id;
ALTER TABLE channels ADD COLUMN last_userid VARCHAR(64) NOT NULL DEFAULT '' AFTER longitude;
UPDATE channels c JOIN channel_turns t ON t.corp_id = c.corp_id AND t.channel_id = c.id SET c.last_userid = t.last_userid;
DROP TABLE channel_turns;
