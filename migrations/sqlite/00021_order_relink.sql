-- +goose Up
CREATE INDEX idx_orders_created ON orders (corp_id, created_at);

-- +goose Down
DROP INDEX idx_orders_created;
