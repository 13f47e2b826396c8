-- +goose Up
-- The corp's 公众号 (WeChat Official Accounts). The appid names the account
-- in its callback URL (/wechat/callback/<appid>), so it is unique across
-- the deployment. Token, EncodingAESKey and AppSecret are sealed with the
-- deployment key, as a corp's WeCom secrets are. A 公众号 serves one brand
-- (brand_id; none: the corp's shared pool), whose members its followers
-- become. mode is the server configuration's message mode: 'safe' (安全
-- or 兼容模式) takes only encrypted deliveries, whose msg_signature covers
-- the body; 'plain' (明文模式) also takes plain ones, whose signature does
-- not, so an account not set to 明文 never accepts them.
CREATE TABLE wechat_apps (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id          BIGINT UNSIGNED NOT NULL,
    appid            VARCHAR(32)     NOT NULL,
    name             VARCHAR(64)     NOT NULL,
    brand_id         BIGINT UNSIGNED NULL,
    mode             VARCHAR(8)      NOT NULL DEFAULT 'safe',
    token            TEXT            NOT NULL,
    encoding_aes_key TEXT            NOT NULL,
    app_secret       TEXT            NOT NULL,
    created_at       DATETIME(3)     NOT NULL,
    updated_at       DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_wechat_apps_appid (appid),
    UNIQUE KEY uk_wechat_apps_corp_id (corp_id, id),
    CONSTRAINT fk_wechat_apps_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_wechat_apps_brand FOREIGN KEY (corp_id, brand_id) REFERENCES brands (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Parametric QR codes of a 公众号 for a store, a guide or a campaign. The
-- scene is short and opaque (it says nothing about whom it credits) and
-- unique per account, so an event's EventKey finds exactly one code.
-- Permanent codes are counted against WeChat's 100,000 per account
-- (idx_wechat_qrcodes_count); a code whose creation WeChat may or may
-- not have seen stays as 'failed' and keeps counting. Expiry is UTC.
CREATE TABLE wechat_qrcodes (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    app_id     BIGINT UNSIGNED NOT NULL,
    kind       VARCHAR(16)     NOT NULL,
    store_id   BIGINT UNSIGNED NULL,
    userid     VARCHAR(64)     NOT NULL DEFAULT '',
    campaign   VARCHAR(64)     NOT NULL DEFAULT '',
    scene      VARCHAR(64)     NOT NULL,
    permanent  TINYINT(1)      NOT NULL DEFAULT 0,
    expires_at DATETIME(3)     NULL,
    ticket     VARCHAR(255)    NOT NULL DEFAULT '',
    url        VARCHAR(255)    NOT NULL DEFAULT '',
    status     VARCHAR(16)     NOT NULL,
    created_by VARCHAR(96)     NOT NULL,
    created_at DATETIME(3)     NOT NULL,
    updated_at DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_wechat_qrcodes_scene (app_id, scene),
    KEY idx_wechat_qrcodes_corp (corp_id, id),
    KEY idx_wechat_qrcodes_count (app_id, permanent, status),
    CONSTRAINT fk_wechat_qrcodes_corp FOREIGN KEY (corp_id) REFERENCES corps (id),
    CONSTRAINT fk_wechat_qrcodes_app FOREIGN KEY (corp_id, app_id) REFERENCES wechat_apps (corp_id, id),
    CONSTRAINT fk_wechat_qrcodes_store FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE wechat_qrcodes;
DROP TABLE wechat_apps;
