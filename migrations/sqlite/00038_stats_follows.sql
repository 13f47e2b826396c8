-- +goose Up
-- The daily aggregates' customers held at a day's end (see the MySQL
-- migration).
CREATE INDEX idx_follows_held ON follows (corp_id, userid, add_time, deleted_at);

-- +goose Down
DROP INDEX idx_follows_held;
