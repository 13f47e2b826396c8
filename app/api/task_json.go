package api

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The JSON shapes of the task API.

type createTaskJSON struct {
	UserID         string     `json:"userid"`
	ExternalUserID string     `json:"external_userid"`
	Title          string     `json:"title"`
	DueAt          *time.Time `json:"due_at"`
}

type reassignTaskJSON struct {
	UserID string     `json:"userid"`
	DueAt  *time.Time `json:"due_at"`
}

type completeTaskJSON struct {
	Verified bool `json:"verified"`
}

type taskJSON struct {
	ID             int64      `json:"id"`
	UserID         string     `json:"userid"`
	StoreID        *int64     `json:"store_id"`
	ExternalUserID string     `json:"external_userid"`
	ChatID         string     `json:"chat_id,omitempty"`
	Kind           string     `json:"kind"`
	Title          string     `json:"title"`
	Content        string     `json:"content,omitempty"`
	Status         string     `json:"status"`
	DueAt          *time.Time `json:"due_at"`
	Overdue        bool       `json:"overdue"`
	DoneAt         *time.Time `json:"done_at"`
	DoneBy         string     `json:"done_by,omitempty"`
	DoneHow        string     `json:"done_how,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
}

func toTask(t app.GuideTask) taskJSON {
	return taskJSON{ID: t.ID, UserID: t.UserID, StoreID: t.StoreID, ExternalUserID: t.ExternalUserID, ChatID: t.ChatID, Kind: t.Kind, Title: t.Title, Content: t.Content,
		Status: t.Status, DueAt: t.DueAt, Overdue: t.Overdue(time.Now()), DoneAt: t.DoneAt, DoneBy: t.DoneBy, DoneHow: t.DoneHow,
		CreatedAt: t.CreatedAt}
}
