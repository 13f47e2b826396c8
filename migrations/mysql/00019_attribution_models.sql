-- +goose Up
-- The analytical models' credit, one row per order and rule version: a
-- recompute of a million orders wrote ten lines an order into
-- order_credits, and the writing alone outran its time budget. The
-- brand's rules keep their lines in order_credits (reports total them in
-- SQL); the five models' lines of an order travel together in `lines`
-- (app/db packs them: JSON, snappy-compressed to about a quarter). Every
-- credited order has a row here, even with no line, so "not credited
-- yet" is one lookup.
CREATE TABLE order_model_credits (
    rules_id    BIGINT UNSIGNED NOT NULL,
    order_id    BIGINT UNSIGNED NOT NULL,
    corp_id     BIGINT UNSIGNED NOT NULL,
    paid_at     DATETIME(3)     NOT NULL,
    computed_at DATETIME(3)     NOT NULL,
    `lines`     MEDIUMBLOB      NOT NULL,
    PRIMARY KEY (rules_id, order_id),
    KEY idx_order_model_credits_period (corp_id, rules_id, paid_at),
    CONSTRAINT fk_order_model_credits_rules FOREIGN KEY (rules_id) REFERENCES attribution_rules (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The models' lines written before this table: the catch-up finds their
-- orders uncredited and credits them again under the latest version.
DELETE FROM order_credits WHERE model <> 'rules';

-- A recompute walks the sales of members first, member by member (so a
-- buyer's touches are read once), then every other order by id.
ALTER TABLE attribution_runs ADD COLUMN phase INT NOT NULL DEFAULT 0;

-- A buyer's touches are read by customer and by member, the columns
-- credit is decided from carried in the index itself: a recompute reads
-- millions, and a row lookup for each was most of its database time.
ALTER TABLE touches
    DROP KEY idx_touches_customer,
    ADD KEY idx_touches_customer (corp_id, external_userid, at, kind, userid, store_id, member_id),
    DROP KEY idx_touches_member,
    ADD KEY idx_touches_member (corp_id, member_id, at, kind, userid, store_id, external_userid);

-- +goose Down
ALTER TABLE touches
    DROP KEY idx_touches_customer,
    ADD KEY idx_touches_customer (corp_id, external_userid, at),
    DROP KEY idx_touches_member,
    ADD KEY idx_touches_member (corp_id, member_id, at);
ALTER TABLE attribution_runs DROP COLUMN phase;
DROP TABLE order_model_credits;
