-- +goose Up
-- Customer journeys (客户SOP / 节日关怀): a trigger, a re-entry policy and
-- steps kept as JSON. Each step carries a stable id, so an edit keeps the
-- steps already fired fired; next_step_id is the id the next new step gets.
CREATE TABLE journeys (
    id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id        BIGINT UNSIGNED NOT NULL,
    name           VARCHAR(64)     NOT NULL,
    status         VARCHAR(16)     NOT NULL,
    `trigger`      TEXT            NOT NULL,
    reentry        VARCHAR(16)     NOT NULL,
    audience       TEXT            NOT NULL,
    steps          TEXT            NOT NULL,
    next_step_id   INT             NOT NULL,
    catch_up_hours INT             NOT NULL,
    created_by     VARCHAR(96)     NOT NULL DEFAULT '',
    created_at     DATETIME(3)     NOT NULL,
    updated_at     DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_journeys_name (corp_id, name),
    KEY idx_journeys_status (status, corp_id),
    CONSTRAINT fk_journeys_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The fire ledger: one row per (journey, step, customer, occurrence), the
-- exactly-once key across restarts, pauses, edits and schedulers running
-- at once (a second insert of the same key is a no-op). occurrence is ''
-- under the once-per-customer policy. status moves pending → done or
-- failed, with the action's result.
CREATE TABLE journey_fires (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    journey_id      BIGINT UNSIGNED NOT NULL,
    step_id         INT             NOT NULL,
    external_userid VARCHAR(64)     NOT NULL,
    occurrence      VARCHAR(32)     NOT NULL,
    userid          VARCHAR(64)     NOT NULL,
    due_at          DATETIME(3)     NOT NULL,
    status          VARCHAR(16)     NOT NULL,
    attempts        INT             NOT NULL DEFAULT 0,
    result          VARCHAR(255)    NOT NULL DEFAULT '',
    created_at      DATETIME(3)     NOT NULL,
    done_at         DATETIME(3)     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_journey_fires_key (journey_id, step_id, external_userid, occurrence),
    KEY idx_journey_fires_pending (journey_id, status, id),
    KEY idx_journey_fires_corp (corp_id, journey_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each corp's holiday calendar (节日日历): a holiday's date per year,
-- seeded with the common ones and editable.
CREATE TABLE journey_holidays (
    corp_id    BIGINT UNSIGNED NOT NULL,
    code       VARCHAR(32)     NOT NULL,
    year       INT             NOT NULL,
    name       VARCHAR(32)     NOT NULL,
    date       CHAR(10)        NOT NULL,
    updated_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, code, year),
    KEY idx_journey_holidays_date (corp_id, date),
    CONSTRAINT fk_journey_holidays_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE journey_holidays;
DROP TABLE journey_fires;
DROP TABLE journeys;
