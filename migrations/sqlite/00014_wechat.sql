-- +goose Up
-- The corp's 公众号 and their parametric QR codes: see the MySQL migration
-- for the why.
CREATE TABLE wechat_apps (
    id               INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id          INTEGER      NOT NULL REFERENCES corps (id),
    appid            VARCHAR(32)  NOT NULL,
    name             VARCHAR(64)  NOT NULL,
    brand_id         INTEGER      NULL,
    mode             VARCHAR(8)   NOT NULL DEFAULT 'safe',
    token            TEXT         NOT NULL,
    encoding_aes_key TEXT         NOT NULL,
    app_secret       TEXT         NOT NULL,
    created_at       DATETIME     NOT NULL,
    updated_at       DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, brand_id) REFERENCES brands (corp_id, id)
);
CREATE UNIQUE INDEX uk_wechat_apps_appid ON wechat_apps (appid);
CREATE UNIQUE INDEX uk_wechat_apps_corp_id ON wechat_apps (corp_id, id);

CREATE TABLE wechat_qrcodes (
    id         INTEGER      NOT NULL PRIMARY KEY AUTOINCREMENT,
    corp_id    INTEGER      NOT NULL REFERENCES corps (id),
    app_id     INTEGER      NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    store_id   INTEGER      NULL,
    userid     VARCHAR(64)  NOT NULL DEFAULT '',
    campaign   VARCHAR(64)  NOT NULL DEFAULT '',
    scene      VARCHAR(64)  NOT NULL,
    permanent  BOOLEAN      NOT NULL DEFAULT 0,
    expires_at DATETIME     NULL,
    ticket     VARCHAR(255) NOT NULL DEFAULT '',
    url        VARCHAR(255) NOT NULL DEFAULT '',
    status     VARCHAR(16)  NOT NULL,
    created_by VARCHAR(96)  NOT NULL,
    created_at DATETIME     NOT NULL,
    updated_at DATETIME     NOT NULL,
    FOREIGN KEY (corp_id, app_id) REFERENCES wechat_apps (corp_id, id),
    FOREIGN KEY (corp_id, store_id) REFERENCES stores (corp_id, id)
);
CREATE UNIQUE INDEX uk_wechat_qrcodes_scene ON wechat_qrcodes (app_id, scene);
CREATE INDEX idx_wechat_qrcodes_corp ON wechat_qrcodes (corp_id, id);
CREATE INDEX idx_wechat_qrcodes_count ON wechat_qrcodes (app_id, permanent, status);

-- +goose Down
DROP TABLE wechat_qrcodes;
DROP TABLE wechat_apps;
