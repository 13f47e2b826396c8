-- +goose Up
-- The analytical models' credit, one row per order and rule version (see
-- the MySQL migration for why).
CREATE TABLE order_model_credits (
    rules_id    INTEGER  NOT NULL REFERENCES attribution_rules (id),
    order_id    INTEGER  NOT NULL,
    corp_id     INTEGER  NOT NULL,
    paid_at     DATETIME NOT NULL,
    computed_at DATETIME NOT NULL,
    lines       BLOB     NOT NULL,
    PRIMARY KEY (rules_id, order_id)
);
CREATE INDEX idx_order_model_credits_period ON order_model_credits (corp_id, rules_id, paid_at);

DELETE FROM order_credits WHERE model <> 'rules';

ALTER TABLE attribution_runs ADD COLUMN phase INTEGER NOT NULL DEFAULT 0;

DROP INDEX idx_touches_customer;
CREATE INDEX idx_touches_customer ON touches (corp_id, external_userid, at, kind, userid, store_id, member_id);
DROP INDEX idx_touches_member;
CREATE INDEX idx_touches_member ON touches (corp_id, member_id, at, kind, userid, store_id, external_userid);

-- +goose Down
DROP INDEX idx_touches_customer;
CREATE INDEX idx_touches_customer ON touches (corp_id, external_userid, at);
DROP INDEX idx_touches_member;
CREATE INDEX idx_touches_member ON touches (corp_id, member_id, at);
ALTER TABLE attribution_runs DROP COLUMN phase;
DROP TABLE order_model_credits;
