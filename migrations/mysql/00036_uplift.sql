-- +goose Up
-- Measured uplift (app/uplift owns uplift_results): one row per corp,
-- kind (guide, masssend, journey), store (0: the corp) and subject (the
-- mass send's or journey's id; 0 for guide), the latest measurement,
-- written each night. Each estimate is a value with its 95% interval;
-- NULL where the data cannot give it (no control spend, too few
-- customers). period_from/period_to are when the customers compared were
-- linked, sent or first fired; window_days the outcome window after it.
CREATE TABLE uplift_results (
    corp_id            BIGINT UNSIGNED NOT NULL,
    kind               VARCHAR(16)     NOT NULL,
    store_id           BIGINT UNSIGNED NOT NULL DEFAULT 0,
    subject_id         BIGINT UNSIGNED NOT NULL DEFAULT 0,
    period_from        DATETIME(3)     NOT NULL,
    period_to          DATETIME(3)     NOT NULL,
    window_days        INT             NOT NULL,
    treated            BIGINT          NOT NULL,
    control            BIGINT          NOT NULL,
    spend_value        DOUBLE          NULL,
    spend_low          DOUBLE          NULL,
    spend_high         DOUBLE          NULL,
    conversion_value   DOUBLE          NULL,
    conversion_low     DOUBLE          NULL,
    conversion_high    DOUBLE          NULL,
    lift_value         DOUBLE          NULL,
    lift_low           DOUBLE          NULL,
    lift_high          DOUBLE          NULL,
    revenue_value      DOUBLE          NULL,
    revenue_low        DOUBLE          NULL,
    revenue_high       DOUBLE          NULL,
    treated_mean_cents BIGINT          NOT NULL DEFAULT 0,
    control_mean_cents BIGINT          NOT NULL DEFAULT 0,
    treated_rate       DOUBLE          NOT NULL DEFAULT 0,
    control_rate       DOUBLE          NOT NULL DEFAULT 0,
    strata             BIGINT          NOT NULL DEFAULT 0,
    strata_dropped     BIGINT          NOT NULL DEFAULT 0,
    treated_dropped    BIGINT          NOT NULL DEFAULT 0,
    computed_at        DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, kind, store_id, subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A journey may hold out a share of its customers (0–50%), chosen by a
-- hash of (journey, customer): their fires are recorded with status
-- holdout and no action, so the uplift knows who and when.
ALTER TABLE journeys ADD COLUMN holdout_percent INT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE journeys DROP COLUMN holdout_percent;
DROP TABLE uplift_results;
