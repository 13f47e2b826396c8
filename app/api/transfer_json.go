package api

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The JSON shapes of the transfer API.

type startTransferJSON struct {
	UserID         string `json:"userid"`
	Mode           string `json:"mode"`
	Rule           string `json:"rule"`
	TakeoverUserID string `json:"takeover_userid"`
	Message        string `json:"message"`
}

type transferJSON struct {
	ID             int64               `json:"id"`
	Mode           string              `json:"mode"`
	Rule           string              `json:"rule"`
	UserID         string              `json:"userid"`
	StoreID        int64               `json:"store_id"`
	TakeoverUserID string              `json:"takeover_userid"`
	Message        string              `json:"message"`
	Status         string              `json:"status"`
	Actor          string              `json:"actor"`
	Progress       transferProgress    `json:"progress"`
	Groups         []transferGroupJSON `json:"groups,omitempty"`
	CreatedAt      time.Time           `json:"created_at"`
	FinishedAt     *time.Time          `json:"finished_at"`
}

// transferProgress counts a transfer's customers by state; settled is
// every one no longer pending, sent or waiting.
type transferProgress struct {
	Total         int `json:"total"`
	Settled       int `json:"settled"`
	Pending       int `json:"pending"`
	Sent          int `json:"sent"`
	Waiting       int `json:"waiting"`
	Succeeded     int `json:"succeeded"`
	Refused       int `json:"refused"`
	LimitExceeded int `json:"limit_exceeded"`
	Failed        int `json:"failed"`
	Cancelled     int `json:"cancelled"`
}

type transferItemJSON struct {
	ID             int64      `json:"id"`
	ExternalUserID string     `json:"external_userid"`
	UserID         string     `json:"userid"`
	TakeoverUserID string     `json:"takeover_userid"`
	StoreID        int64      `json:"takeover_store_id"`
	State          string     `json:"state"`
	ErrCode        int        `json:"errcode"`
	Reason         string     `json:"reason"`
	Flagged        bool       `json:"flagged"`
	Batch          int        `json:"batch"`
	SentAt         *time.Time `json:"sent_at"`
	TakeoverAt     *time.Time `json:"takeover_at"`
	SettledAt      *time.Time `json:"settled_at"`
}

type transferGroupJSON struct {
	ChatID         string `json:"chat_id"`
	TakeoverUserID string `json:"takeover_userid"`
	State          string `json:"state"`
	ErrCode        int    `json:"errcode"`
	ErrMsg         string `json:"errmsg"`
}

func toTransfer(t app.Transfer) transferJSON {
	c := t.Counts
	p := transferProgress{Pending: c[app.ItemPending], Sent: c[app.ItemSent], Waiting: c[app.ItemWaiting], Succeeded: c[app.ItemSucceeded],
		Refused: c[app.ItemRefused], LimitExceeded: c[app.ItemLimitExceeded], Failed: c[app.ItemFailed], Cancelled: c[app.ItemCancelled]}
	p.Settled = p.Succeeded + p.Refused + p.LimitExceeded + p.Failed + p.Cancelled
	p.Total = p.Settled + p.Pending + p.Sent + p.Waiting
	return transferJSON{ID: t.ID, Mode: t.Mode, Rule: t.Rule, UserID: t.FromUserID, StoreID: t.FromStoreID, TakeoverUserID: t.ToUserID,
		Message: t.Message, Status: t.Status, Actor: t.Actor, Progress: p, CreatedAt: t.CreatedAt, FinishedAt: t.FinishedAt}
}

func toTransferItem(i app.TransferItem) transferItemJSON {
	return transferItemJSON{ID: i.ID, ExternalUserID: i.ExternalUserID, UserID: i.FromUserID, TakeoverUserID: i.ToUserID, StoreID: i.ToStoreID,
		State: i.State, ErrCode: i.ErrCode, Reason: i.Reason, Flagged: i.Flagged, Batch: i.Batch, SentAt: i.SentAt, TakeoverAt: i.TakeoverAt,
		SettledAt: i.SettledAt}
}

func toTransferGroup(g app.TransferGroup) transferGroupJSON {
	return transferGroupJSON{ChatID: g.ChatID, TakeoverUserID: g.ToUserID, State: g.State, ErrCode: g.ErrCode, ErrMsg: g.ErrMsg}
}
