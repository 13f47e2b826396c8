-- +goose Up
-- RFM settings, member measures and class changes: see the MySQL
-- migration for the why.
CREATE TABLE rfm_settings (
    corp_id             INTEGER  NOT NULL REFERENCES corps (id),
    scope               INTEGER  NOT NULL,
    recency_days        INTEGER  NOT NULL DEFAULT 0,
    frequency           INTEGER  NOT NULL DEFAULT 0,
    monetary_cents      INTEGER  NOT NULL DEFAULT 0,
    growth_orders       INTEGER  NOT NULL,
    active_days         INTEGER  NOT NULL,
    churn_days          INTEGER  NOT NULL,
    used_recency_days   INTEGER  NOT NULL DEFAULT 0,
    used_frequency      INTEGER  NOT NULL DEFAULT 0,
    used_monetary_cents INTEGER  NOT NULL DEFAULT 0,
    swept_at            DATETIME NULL,
    updated_at          DATETIME NOT NULL,
    PRIMARY KEY (corp_id, scope)
);

CREATE TABLE member_rfm (
    corp_id        INTEGER     NOT NULL,
    member_id      INTEGER     NOT NULL,
    scope          INTEGER     NOT NULL,
    recency_days   INTEGER     NOT NULL,
    frequency      INTEGER     NOT NULL,
    monetary_cents INTEGER     NOT NULL,
    last_order_at  DATETIME    NULL,
    class          VARCHAR(16) NOT NULL,
    stage          VARCHAR(16) NOT NULL,
    computed_at    DATETIME    NOT NULL,
    PRIMARY KEY (corp_id, member_id)
);
CREATE INDEX idx_member_rfm_class ON member_rfm (corp_id, scope, class);
CREATE INDEX idx_member_rfm_stage ON member_rfm (corp_id, scope, stage);

CREATE TABLE rfm_changes (
    id         INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER     NOT NULL,
    member_id  INTEGER     NOT NULL,
    from_class VARCHAR(16) NOT NULL,
    to_class   VARCHAR(16) NOT NULL,
    from_stage VARCHAR(16) NOT NULL,
    to_stage   VARCHAR(16) NOT NULL,
    at         DATETIME    NOT NULL
);
CREATE INDEX idx_rfm_changes_member ON rfm_changes (corp_id, member_id, at);
CREATE INDEX idx_rfm_changes_time ON rfm_changes (corp_id, at);

-- +goose Down
DROP TABLE rfm_changes;
DROP TABLE member_rfm;
DROP TABLE rfm_settings;
