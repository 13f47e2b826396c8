-- +goose Up
-- Attribution rule versions, order credits and recompute runs: see the
-- MySQL migration for the why.
CREATE TABLE attribution_rules (
    id              INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER      NOT NULL REFERENCES corps (id),
    scope           INTEGER      NOT NULL DEFAULT 0,
    version         INTEGER      NOT NULL,
    precedence      VARCHAR(255) NOT NULL,
    share_days      INTEGER      NOT NULL,
    protection_days INTEGER      NOT NULL,
    acquirer_pct    INTEGER      NOT NULL,
    binding         VARCHAR(16)  NOT NULL,
    binding_days    INTEGER      NOT NULL DEFAULT 0,
    cross_store     BOOLEAN      NOT NULL,
    lookback_days   INTEGER      NOT NULL,
    half_life_days  INTEGER      NOT NULL,
    note            VARCHAR(255) NOT NULL DEFAULT '',
    created_by      VARCHAR(96)  NOT NULL,
    created_at      DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_attribution_rules_version ON attribution_rules (corp_id, scope, version);

CREATE TABLE order_credits (
    id           INTEGER       NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id      INTEGER       NOT NULL,
    order_id     INTEGER       NOT NULL,
    rules_id     INTEGER       NOT NULL REFERENCES attribution_rules (id),
    model        VARCHAR(16)   NOT NULL,
    line         INTEGER       NOT NULL,
    userid       VARCHAR(64)   NOT NULL DEFAULT '',
    store_id     INTEGER       NULL,
    team         VARCHAR(8)    NOT NULL,
    share_bp     INTEGER       NOT NULL,
    amount_cents INTEGER       NOT NULL,
    explanation  VARCHAR(1024) NOT NULL,
    paid_at      DATETIME      NOT NULL,
    computed_at  DATETIME      NOT NULL
);
CREATE UNIQUE INDEX uk_order_credits_line ON order_credits (rules_id, order_id, model, line);
CREATE INDEX idx_order_credits_period ON order_credits (corp_id, rules_id, model, paid_at);

CREATE TABLE attribution_runs (
    id          INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER      NOT NULL,
    rules_id    INTEGER      NOT NULL REFERENCES attribution_rules (id),
    status      VARCHAR(16)  NOT NULL,
    total       INTEGER      NOT NULL DEFAULT 0,
    done        INTEGER      NOT NULL DEFAULT 0,
    cursor_id   INTEGER      NOT NULL DEFAULT 0,
    error       VARCHAR(512) NOT NULL DEFAULT '',
    started_at  DATETIME     NOT NULL,
    finished_at DATETIME     NULL
);
CREATE INDEX idx_attribution_runs_rules ON attribution_runs (corp_id, rules_id);

-- +goose Down
DROP TABLE attribution_runs;
DROP TABLE order_credits;
DROP TABLE attribution_rules;
