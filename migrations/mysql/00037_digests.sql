-- +goose Up
-- The daily digest (经营日报): one WeCom app message a day to each store
-- manager with their store's figures of the day before and a link to the
-- dashboards. A row is the ledger of one message, unique per corp, day
-- and manager, so however many schedulers run (or a crash between claim
-- and send) each manager gets one digest a day; the text is kept as sent,
-- so a retry sends the same request and WeCom's duplicate check delivers
-- it once. app/digest owns it. day is yyyy-mm-dd in the corp's zone.
CREATE TABLE digest_sends (
    id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    corp_id    BIGINT UNSIGNED NOT NULL,
    day        CHAR(10)        NOT NULL,
    userid     VARCHAR(64)     NOT NULL,
    store_id   BIGINT UNSIGNED NOT NULL,
    status     VARCHAR(16)     NOT NULL,
    title      VARCHAR(128)    NOT NULL,
    body       TEXT            NOT NULL,
    url        VARCHAR(512)    NOT NULL DEFAULT '',
    msgid      VARCHAR(128)    NOT NULL DEFAULT '',
    error      VARCHAR(255)    NOT NULL DEFAULT '',
    attempts   INT             NOT NULL DEFAULT 0,
    created_at DATETIME(3)     NOT NULL,
    sent_at    DATETIME(3)     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_digest_sends_day (corp_id, day, userid),
    KEY idx_digest_sends_status (corp_id, status, created_at),
    CONSTRAINT fk_digest_sends_corp FOREIGN KEY (corp_id) REFERENCES corps (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE digest_sends;
