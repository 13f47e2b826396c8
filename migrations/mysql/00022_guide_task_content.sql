-- +goose Up
-- Journeys, group SOPs and mass sends give guides tasks with something to
-- send (content) and, for a group SOP, the group it is about (chat_id);
-- the side panel sends the content in one tap. Source keys of those tasks
-- are longer than a transfer item's.
ALTER TABLE guide_tasks ADD COLUMN chat_id VARCHAR(64) NOT NULL DEFAULT '' AFTER external_userid,
    ADD COLUMN content TEXT NULL AFTER title,
    MODIFY source VARCHAR(191) NOT NULL,
    ADD KEY idx_guide_tasks_chat (corp_id, chat_id, status);

-- +goose Down
ALTER TABLE guide_tasks DROP KEY idx_guide_tasks_chat, DROP COLUMN content, DROP COLUMN chat_id,
    MODIFY source VARCHAR(96) NOT NULL;
