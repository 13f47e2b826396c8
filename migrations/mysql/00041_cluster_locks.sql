-- +goose Up
-- On a Galera cluster a row read FOR UPDATE is locked on its own node
-- only: a transaction on another node may read and act on it at once,
-- and certification, which settles conflicts at commit, sees only the
-- rows each transaction wrote. So a store that locks rows it may not
-- write (a sale whose refunds it sums, a 公众号 whose codes it counts, a
-- member it merges into) also bumps a counter here, one per corp and
-- bucket of the locked rows: two such transactions on two nodes then
-- write the same row, and the later one is rerun (app/db's
-- galera_lock.go). The buckets keep the table small.
CREATE TABLE cluster_locks (
  corp_id BIGINT NOT NULL,
  bucket INT NOT NULL,
  seq BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (corp_id, bucket)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE cluster_locks;
