-- +goose Up
-- Galera's cross-node row locks: see the MySQL migration. SQLite's one
-- writer needs none, but the trees keep the same tables.
CREATE TABLE cluster_locks (
  corp_id INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (corp_id, bucket)
);

-- +goose Down
DROP TABLE cluster_locks;
