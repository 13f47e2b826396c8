-- +goose Up
-- Journeys, their fire ledger and the holiday calendar: see the MySQL
-- migration of the same number for the why.
CREATE TABLE journeys (
    id             INTEGER     PRIMARY KEY AUTOINCREMENT,
    corp_id        INTEGER     NOT NULL REFERENCES corps (id),
    name           VARCHAR(64) NOT NULL,
    status         VARCHAR(16) NOT NULL,
    "trigger"      TEXT        NOT NULL,
    reentry        VARCHAR(16) NOT NULL,
    audience       TEXT        NOT NULL,
    steps          TEXT        NOT NULL,
    next_step_id   INTEGER     NOT NULL,
    catch_up_hours INTEGER     NOT NULL,
    created_by     VARCHAR(96) NOT NULL DEFAULT '',
    created_at     DATETIME    NOT NULL,
    updated_at     DATETIME    NOT NULL
);
CREATE UNIQUE INDEX uk_journeys_name ON journeys (corp_id, name);
CREATE INDEX idx_journeys_status ON journeys (status, corp_id);

CREATE TABLE journey_fires (
    id              INTEGER      PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER      NOT NULL,
    journey_id      INTEGER      NOT NULL,
    step_id         INTEGER      NOT NULL,
    external_userid VARCHAR(64)  NOT NULL,
    occurrence      VARCHAR(32)  NOT NULL,
    userid          VARCHAR(64)  NOT NULL,
    due_at          DATETIME     NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    result          VARCHAR(255) NOT NULL DEFAULT '',
    created_at      DATETIME     NOT NULL,
    done_at         DATETIME     NULL
);
CREATE UNIQUE INDEX uk_journey_fires_key ON journey_fires (journey_id, step_id, external_userid, occurrence);
CREATE INDEX idx_journey_fires_pending ON journey_fires (journey_id, status, id);
CREATE INDEX idx_journey_fires_corp ON journey_fires (corp_id, journey_id, id);

CREATE TABLE journey_holidays (
    corp_id    INTEGER     NOT NULL REFERENCES corps (id),
    code       VARCHAR(32) NOT NULL,
    year       INTEGER     NOT NULL,
    name       VARCHAR(32) NOT NULL,
    date       CHAR(10)    NOT NULL,
    updated_at DATETIME    NOT NULL,
    PRIMARY KEY (corp_id, code, year)
);
CREATE INDEX idx_journey_holidays_date ON journey_holidays (corp_id, date);

-- +goose Down
DROP TABLE journey_holidays;
DROP TABLE journey_fires;
DROP TABLE journeys;
