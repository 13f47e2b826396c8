-- +goose Up
-- The corp's WeChat mini-programs (小程序), the consumer's side: consumers
-- log in through one and become members of its brand (brand_id; none: the
-- corp's shared pool). The appid is unique across the deployment (a login
-- names the mini-program by appid alone); app_secret is sealed with the
-- deployment key. join_template and reward_template are the one-time
-- subscribe templates of the two notices; campaign_page the page its codes
-- and notices open.
CREATE TABLE mini_apps (
    id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id         BIGINT UNSIGNED NOT NULL,
    appid           VARCHAR(32)     NOT NULL,
    name            VARCHAR(64)     NOT NULL,
    brand_id        BIGINT UNSIGNED NULL,
    app_secret      TEXT            NOT NULL,
    join_template   VARCHAR(64)     NOT NULL DEFAULT '',
    reward_template VARCHAR(64)     NOT NULL DEFAULT '',
    campaign_page   VARCHAR(128)    NOT NULL,
    created_at      DATETIME(3)     NOT NULL,
    updated_at      DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_mini_apps_appid (appid),
    UNIQUE KEY uk_mini_apps_corp_id (corp_id, id),
    CONSTRAINT fk_mini_apps_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_mini_apps_brand FOREIGN KEY (corp_id, brand_id) REFERENCES brands (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One accepted subscribe request (wx.requestSubscribeMessage): WeChat
-- allows one message of the template per acceptance, so a row is spent
-- once. spent_key is the notice that spent it (unique: a notice retried
-- finds its consent and never spends a second); settled once the send's
-- outcome is known, sent when WeChat took it (false: 43101).
CREATE TABLE mini_consents (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id     BIGINT UNSIGNED NOT NULL,
    app_id      BIGINT UNSIGNED NOT NULL,
    openid      VARCHAR(64)     NOT NULL,
    member_id   BIGINT UNSIGNED NOT NULL,
    template_id VARCHAR(64)     NOT NULL,
    scene       VARCHAR(32)     NOT NULL DEFAULT '',
    spent_key   VARCHAR(128)    NULL,
    spent_at    DATETIME(3)     NULL,
    sent        BOOLEAN         NOT NULL DEFAULT FALSE,
    settled     BOOLEAN         NOT NULL DEFAULT FALSE,
    created_at  DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_mini_consents_spent (corp_id, spent_key),
    KEY ix_mini_consents_openid (corp_id, openid, template_id),
    CONSTRAINT fk_mini_consents_app FOREIGN KEY (corp_id, app_id) REFERENCES mini_apps (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE mini_consents;
DROP TABLE mini_apps;
