-- +goose Up
-- See the MySQL migration of the same number.
ALTER TABLE guide_tasks ADD COLUMN chat_id VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE guide_tasks ADD COLUMN content TEXT NULL;
CREATE INDEX idx_guide_tasks_chat ON guide_tasks (corp_id, chat_id, status);

-- +goose Down
DROP INDEX idx_guide_tasks_chat;
ALTER TABLE guide_tasks DROP COLUMN content;
ALTER TABLE guide_tasks DROP COLUMN chat_id;
