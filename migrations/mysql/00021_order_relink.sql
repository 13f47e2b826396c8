-- +goose Up
-- The relink pass reads the orders recorded in the last minutes that no
-- member is linked to; without this index it read every order of the corp.
ALTER TABLE orders ADD KEY idx_orders_created (corp_id, created_at);

-- +goose Down
ALTER TABLE orders DROP KEY idx_orders_created;
