-- +goose Up
-- See the MySQL migration for the why of each change.
CREATE TABLE channel_turns (
    corp_id     INTEGER     NOT NULL,
    channel_id  INTEGER     NOT NULL,
    last_userid VARCHAR(64) NOT NULL,
    updated_at  DATETIME    NOT NULL,
    PRIMARY KEY (corp_id, channel_id)
);
INSERT INTO channel_turns (corp_id, channel_id, last_userid, updated_at)
    SELECT corp_id, id, last_userid, updated_at FROM channels WHERE last_userid <> '';
ALTER TABLE channels DROP COLUMN last_userid;

ALTER TABLE guide_tasks ADD COLUMN store_id INTEGER NULL;
ALTER TABLE guide_tasks ADD COLUMN done_by VARCHAR(96) NOT NULL DEFAULT '';
ALTER TABLE guide_tasks ADD COLUMN done_how VARCHAR(16) NOT NULL DEFAULT '';
CREATE INDEX idx_guide_tasks_store ON guide_tasks (corp_id, store_id, status, due_at);

ALTER TABLE welcome_sends ADD COLUMN fence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE welcome_sends ADD COLUMN lease_until DATETIME NULL;

CREATE TABLE event_deliveries (
    corp_id    INTEGER      NOT NULL,
    event_key  CHAR(64)     NOT NULL,
    subscriber VARCHAR(32)  NOT NULL,
    status     VARCHAR(16)  NOT NULL DEFAULT 'pending',
    attempts   INTEGER      NOT NULL DEFAULT 0,
    last_error VARCHAR(512) NOT NULL DEFAULT '',
    created_at DATETIME     NOT NULL,
    updated_at DATETIME     NOT NULL,
    PRIMARY KEY (corp_id, event_key, subscriber)
);
CREATE INDEX idx_event_deliveries_status ON event_deliveries (status, created_at);

ALTER TABLE guides ADD COLUMN name VARCHAR(64) NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE guides DROP COLUMN name;
DROP TABLE event_deliveries;
ALTER TABLE welcome_sends DROP COLUMN lease_until;
ALTER TABLE welcome_sends DROP COLUMN fence;
DROP INDEX idx_guide_tasks_store;
ALTER TABLE guide_tasks DROP COLUMN done_how;
ALTER TABLE guide_tasks DROP COLUMN done_by;
ALTER TABLE guide_tasks DROP COLUMN store_id;
ALTER TABLE channels ADD COLUMN last_userid VARCHAR(64) NOT NULL DEFAULT '';
UPDATE channels SET last_userid = COALESCE((SELECT t.last_userid FROM channel_turns t
    WHERE t.corp_id = channels.corp_id AND t.channel_id = channels.id), '');
DROP TABLE channel_turns;
