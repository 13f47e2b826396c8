-- +goose Up
-- 裂变's campaign figures count a campaign's helps by status, reason,
-- store and guide on every page view: this index covers that count, so
-- it is read from the index in its own order (30 ms instead of 300 for a
-- campaign of 60,000 helps on MariaDB).
ALTER TABLE referral_helps ADD KEY idx_referral_helps_figures (corp_id, campaign_id, status, reason, store_id, userid);

-- +goose Down
ALTER TABLE referral_helps DROP KEY idx_referral_helps_figures;
