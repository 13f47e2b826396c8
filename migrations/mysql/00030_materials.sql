-- +goose Up
-- Materials (素材): images, videos and files a mass send attaches. WeCom
-- keeps an upload three days, so Siyu keeps the file itself and uploads it
-- again when its media_id is about to lapse; lease_until and fence (a
-- compare-and-set counter) let one instance do that upload while the
-- others wait for its media_id. Files are capped
-- at 10 MB, under MariaDB's and MySQL's default max_allowed_packet.
CREATE TABLE materials (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id      BIGINT UNSIGNED NOT NULL,
    kind         VARCHAR(8)      NOT NULL,
    name         VARCHAR(128)    NOT NULL,
    content_type VARCHAR(96)     NOT NULL,
    size         BIGINT          NOT NULL,
    sha256       CHAR(64)        NOT NULL,
    content      LONGBLOB        NOT NULL,
    media_id     VARCHAR(128)    NOT NULL DEFAULT '',
    media_at     DATETIME(3)     NULL,
    lease_until  DATETIME(3)     NULL,
    fence        BIGINT          NOT NULL DEFAULT 0,
    created_by   VARCHAR(96)     NOT NULL DEFAULT '',
    created_at   DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_materials_corp (corp_id, id),
    CONSTRAINT fk_materials_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE materials;
