-- +goose Up
-- Measured uplift and journeys' holdout: see the MySQL migration for the why.
CREATE TABLE uplift_results (
    corp_id            INTEGER     NOT NULL,
    kind               VARCHAR(16) NOT NULL,
    store_id           INTEGER     NOT NULL DEFAULT 0,
    subject_id         INTEGER     NOT NULL DEFAULT 0,
    period_from        DATETIME    NOT NULL,
    period_to          DATETIME    NOT NULL,
    window_days        INTEGER     NOT NULL,
    treated            INTEGER     NOT NULL,
    control            INTEGER     NOT NULL,
    spend_value        REAL        NULL,
    spend_low          REAL        NULL,
    spend_high         REAL        NULL,
    conversion_value   REAL        NULL,
    conversion_low     REAL        NULL,
    conversion_high    REAL        NULL,
    lift_value         REAL        NULL,
    lift_low           REAL        NULL,
    lift_high          REAL        NULL,
    revenue_value      REAL        NULL,
    revenue_low        REAL        NULL,
    revenue_high       REAL        NULL,
    treated_mean_cents INTEGER     NOT NULL DEFAULT 0,
    control_mean_cents INTEGER     NOT NULL DEFAULT 0,
    treated_rate       REAL        NOT NULL DEFAULT 0,
    control_rate       REAL        NOT NULL DEFAULT 0,
    strata             INTEGER     NOT NULL DEFAULT 0,
    strata_dropped     INTEGER     NOT NULL DEFAULT 0,
    treated_dropped    INTEGER     NOT NULL DEFAULT 0,
    computed_at        DATETIME    NOT NULL,
    PRIMARY KEY (corp_id, kind, store_id, subject_id)
);

ALTER TABLE journeys ADD COLUMN holdout_percent INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE journeys DROP COLUMN holdout_percent;
DROP TABLE uplift_results;
