-- +goose Up
-- A corp is one WeCom enterprise: the tenant every other row is scoped to.
CREATE TABLE corps (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    VARCHAR(64)     NOT NULL,
    name       VARCHAR(128)    NOT NULL,
    timezone   VARCHAR(64)     NOT NULL DEFAULT 'Asia/Shanghai',
    created_at DATETIME(3)     NOT NULL,
    updated_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_corps_corp_id (corp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The audit trail: who did what to which object, kept per corp.
CREATE TABLE audit_entries (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    actor       VARCHAR(128)    NOT NULL,
    action      VARCHAR(64)     NOT NULL,
    target_type VARCHAR(64)     NOT NULL,
    target_id   VARCHAR(128)    NOT NULL,
    detail      TEXT            NULL,
    request_id  VARCHAR(64)     NOT NULL DEFAULT '',
    created_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_audit_entries_target (corp_id, target_type, target_id, id),
    CONSTRAINT fk_audit_entries_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE audit_entries;
DROP TABLE corps;
