-- +goose Up
-- Console users of a corp. Passwords are bcrypt hashes; a username is
-- unique within its corp, and a user sees only their corp's data.
CREATE TABLE admin_users (
    id            INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id       INTEGER      NOT NULL REFERENCES corps (id),
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    disabled      BOOLEAN      NOT NULL DEFAULT 0,
    last_login_at DATETIME     NULL,
    created_at    DATETIME     NOT NULL,
    updated_at    DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_admin_users_name ON admin_users (corp_id, username);
CREATE UNIQUE INDEX uk_admin_users_corp_id ON admin_users (corp_id, id);

-- Console sessions. Only the SHA-256 of the session token is stored, so a
-- copy of the table logs nobody in.
CREATE TABLE admin_sessions (
    id         INTEGER  NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER  NOT NULL,
    user_id    INTEGER  NOT NULL,
    token_hash CHAR(64) NOT NULL,
    expires_at DATETIME NOT NULL,
    created_at DATETIME NOT NULL,
    FOREIGN KEY (corp_id, user_id) REFERENCES admin_users (corp_id, id)
);
CREATE UNIQUE INDEX uk_admin_sessions_token ON admin_sessions (token_hash);
CREATE INDEX idx_admin_sessions_user ON admin_sessions (corp_id, user_id, expires_at);

-- API tokens of a corp, for scripts and integrations; hashed like sessions
-- and shown once, when created. prefix identifies a token in lists.
CREATE TABLE api_tokens (
    id           INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id      INTEGER      NOT NULL REFERENCES corps (id),
    name         VARCHAR(64)  NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    created_by   VARCHAR(128) NOT NULL,
    last_used_at DATETIME     NULL,
    revoked_at   DATETIME     NULL,
    created_at   DATETIME     NOT NULL,
    updated_at   DATETIME     NOT NULL
);
CREATE UNIQUE INDEX uk_api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX idx_api_tokens_corp ON api_tokens (corp_id, id);

-- +goose Down
DROP TABLE api_tokens;
DROP TABLE admin_sessions;
DROP TABLE admin_users;
