-- +goose Up
-- Attribution rule sets (业绩归属), one row per version of a brand's
-- rules. A version is never changed: a change is the next version, and
-- credit computed under an earlier one stays readable.
CREATE TABLE attribution_rules (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    scope           BIGINT UNSIGNED NOT NULL DEFAULT 0,
    version         INT             NOT NULL,
    precedence      VARCHAR(255)    NOT NULL,
    share_days      INT             NOT NULL,
    protection_days INT             NOT NULL,
    acquirer_pct    INT             NOT NULL,
    binding         VARCHAR(16)     NOT NULL,
    binding_days    INT             NOT NULL DEFAULT 0,
    cross_store     TINYINT(1)      NOT NULL,
    lookback_days   INT             NOT NULL,
    half_life_days  INT             NOT NULL,
    note            VARCHAR(255)    NOT NULL DEFAULT '',
    created_by      VARCHAR(96)     NOT NULL,
    created_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_attribution_rules_version (corp_id, scope, version),
    CONSTRAINT fk_attribution_rules_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every order's credit lines under each rule version and model. A
-- recompute replaces an order's lines for one version in one statement
-- pair, so a line is never counted twice; paid_at is copied for the
-- reports by period.
CREATE TABLE order_credits (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id      BIGINT UNSIGNED NOT NULL,
    order_id     BIGINT UNSIGNED NOT NULL,
    rules_id     BIGINT UNSIGNED NOT NULL,
    model        VARCHAR(16)     NOT NULL,
    line         INT             NOT NULL,
    userid       VARCHAR(64)     NOT NULL DEFAULT '',
    store_id     BIGINT UNSIGNED NULL,
    team         VARCHAR(8)      NOT NULL,
    share_bp     INT             NOT NULL,
    amount_cents BIGINT          NOT NULL,
    explanation  VARCHAR(1024)   NOT NULL,
    paid_at      DATETIME(3)     NOT NULL,
    computed_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_order_credits_line (rules_id, order_id, model, line),
    KEY idx_order_credits_period (corp_id, rules_id, model, paid_at),
    CONSTRAINT fk_order_credits_rules FOREIGN KEY (rules_id) REFERENCES attribution_rules (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A recompute of every order of a scope under one rule version: a job
-- with progress, resumable from its cursor after a crash.
CREATE TABLE attribution_runs (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    rules_id    BIGINT UNSIGNED NOT NULL,
    status      VARCHAR(16)     NOT NULL,
    total       BIGINT          NOT NULL DEFAULT 0,
    done        BIGINT          NOT NULL DEFAULT 0,
    cursor_id   BIGINT UNSIGNED NOT NULL DEFAULT 0,
    error       VARCHAR(512)    NOT NULL DEFAULT '',
    started_at  DATETIME(3)     NOT NULL,
    finished_at DATETIME(3)     NULL,
    PRIMARY KEY (id),
    KEY idx_attribution_runs_rules (corp_id, rules_id),
    CONSTRAINT fk_attribution_runs_rules FOREIGN KEY (rules_id) REFERENCES attribution_rules (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE attribution_runs;
DROP TABLE order_credits;
DROP TABLE attribution_rules;
