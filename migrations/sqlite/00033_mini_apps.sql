-- +goose Up
-- The corp's mini-programs and their consumers' subscribe consents: see
-- the MySQL migration for the why.
CREATE TABLE mini_apps (
    id              INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id         INTEGER      NOT NULL REFERENCES corps (id),
    appid           VARCHAR(32)  NOT NULL,
    name            VARCHAR(64)  NOT NULL,
    brand_id        INTEGER      NULL,
    app_secret      TEXT         NOT NULL,
    join_template   VARCHAR(64)  NOT NULL DEFAULT '',
    reward_template VARCHAR(64)  NOT NULL DEFAULT '',
    campaign_page   VARCHAR(128) NOT NULL,
    created_at      DATETIME     NOT NULL,
    updated_at      DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, brand_id) REFERENCES brands (corp_id, id)
);
CREATE UNIQUE INDEX uk_mini_apps_appid ON mini_apps (appid);
CREATE UNIQUE INDEX uk_mini_apps_corp_id ON mini_apps (corp_id, id);

CREATE TABLE mini_consents (
    id          INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id     INTEGER      NOT NULL,
    app_id      INTEGER      NOT NULL,
    openid      VARCHAR(64)  NOT NULL,
    member_id   INTEGER      NOT NULL,
    template_id VARCHAR(64)  NOT NULL,
    scene       VARCHAR(32)  NOT NULL DEFAULT '',
    spent_key   VARCHAR(128) NULL,
    spent_at    DATETIME     NULL,
    sent        BOOLEAN      NOT NULL DEFAULT FALSE,
    settled     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, app_id) REFERENCES mini_apps (corp_id, id)
);
CREATE UNIQUE INDEX uk_mini_consents_spent ON mini_consents (corp_id, spent_key);
CREATE INDEX ix_mini_consents_openid ON mini_consents (corp_id, openid, template_id);

-- +goose Down
DROP TABLE mini_consents;
DROP TABLE mini_apps;
