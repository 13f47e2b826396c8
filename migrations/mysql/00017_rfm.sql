-- +goose Up
-- RFM thresholds and lifecycle rules per brand scope, with the medians
-- the last full computation used.
CREATE TABLE rfm_settings (
    corp_id             BIGINT UNSIGNED NOT NULL,
    scope               BIGINT UNSIGNED NOT NULL,
    recency_days        INT             NOT NULL DEFAULT 0,
    frequency           INT             NOT NULL DEFAULT 0,
    monetary_cents      BIGINT          NOT NULL DEFAULT 0,
    growth_orders       INT             NOT NULL,
    active_days         INT             NOT NULL,
    churn_days          INT             NOT NULL,
    used_recency_days   INT             NOT NULL DEFAULT 0,
    used_frequency      INT             NOT NULL DEFAULT 0,
    used_monetary_cents BIGINT          NOT NULL DEFAULT 0,
    swept_at            DATETIME(3)     NULL,
    updated_at          DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, scope),
    CONSTRAINT fk_rfm_settings_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each member's measures, class and stage as last computed; segments
-- select on class and stage.
CREATE TABLE member_rfm (
    corp_id        BIGINT UNSIGNED NOT NULL,
    member_id      BIGINT UNSIGNED NOT NULL,
    scope          BIGINT UNSIGNED NOT NULL,
    recency_days   INT             NOT NULL,
    frequency      INT             NOT NULL,
    monetary_cents BIGINT          NOT NULL,
    last_order_at  DATETIME(3)     NULL,
    class          VARCHAR(16)     NOT NULL,
    stage          VARCHAR(16)     NOT NULL,
    computed_at    DATETIME(3)     NOT NULL,
    PRIMARY KEY (corp_id, member_id),
    KEY idx_member_rfm_class (corp_id, scope, class),
    KEY idx_member_rfm_stage (corp_id, scope, stage)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every move of a member between classes or stages, which journeys will
-- start from.
CREATE TABLE rfm_changes (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    member_id  BIGINT UNSIGNED NOT NULL,
    from_class VARCHAR(16)     NOT NULL,
    to_class   VARCHAR(16)     NOT NULL,
    from_stage VARCHAR(16)     NOT NULL,
    to_stage   VARCHAR(16)     NOT NULL,
    at         DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_rfm_changes_member (corp_id, member_id, at),
    KEY idx_rfm_changes_time (corp_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE rfm_changes;
DROP TABLE member_rfm;
DROP TABLE rfm_settings;
