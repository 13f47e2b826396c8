-- +goose Up
-- Console users of a corp. Passwords are bcrypt hashes; a username is
-- unique within its corp, and a user sees only their corp's data.
CREATE TABLE admin_users (
    id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id       BIGINT UNSIGNED NOT NULL,
    username      VARCHAR(64)     NOT NULL,
    password_hash VARCHAR(255)    NOT NULL,
    role          VARCHAR(16)     NOT NULL,
    disabled      TINYINT(1)      NOT NULL DEFAULT 0,
    last_login_at DATETIME(3)     NULL,
    created_at    DATETIME(3)     NOT NULL,
    updated_at    DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_admin_users_name (corp_id, username),
    UNIQUE KEY uk_admin_users_corp_id (corp_id, id),
    CONSTRAINT fk_admin_users_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Console sessions. Only the SHA-256 of the session token is stored, so a
-- copy of the table logs nobody in.
CREATE TABLE admin_sessions (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    user_id    BIGINT UNSIGNED NOT NULL,
    token_hash CHAR(64)        NOT NULL,
    expires_at DATETIME(3)     NOT NULL,
    created_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_admin_sessions_token (token_hash),
    KEY idx_admin_sessions_user (corp_id, user_id, expires_at),
    CONSTRAINT fk_admin_sessions_user FOREIGN KEY (corp_id, user_id) REFERENCES admin_users (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- API tokens of a corp, for scripts and integrations; hashed like sessions
-- and shown once, when created. prefix identifies a token in lists.
CREATE TABLE api_tokens (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id      BIGINT UNSIGNED NOT NULL,
    name         VARCHAR(64)     NOT NULL,
    role         VARCHAR(16)     NOT NULL,
    token_hash   CHAR(64)        NOT NULL,
    prefix       VARCHAR(16)     NOT NULL,
    created_by   VARCHAR(128)    NOT NULL,
    last_used_at DATETIME(3)     NULL,
    revoked_at   DATETIME(3)     NULL,
    created_at   DATETIME(3)     NOT NULL,
    updated_at   DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_tokens_hash (token_hash),
    KEY idx_api_tokens_corp (corp_id, id),
    CONSTRAINT fk_api_tokens_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE api_tokens;
DROP TABLE admin_sessions;
DROP TABLE admin_users;
