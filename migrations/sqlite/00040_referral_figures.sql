-- +goose Up
-- Covers 裂变's campaign figures: see the MySQL migration.
CREATE INDEX idx_referral_helps_figures ON referral_helps (corp_id, campaign_id, status, reason, store_id, userid);

-- +goose Down
DROP INDEX idx_referral_helps_figures;
