package api

import (
	"encoding/json"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The JSON shapes of the directory read API: snake_case, WeCom's ids,
// times in RFC 3339 (UTC), absent times as null.

type customerJSON struct {
	ExternalUserID string       `json:"external_userid"`
	UnionID        string       `json:"unionid,omitempty"`
	Name           string       `json:"name"`
	Type           int          `json:"type"`
	Gender         int          `json:"gender"`
	Avatar         string       `json:"avatar,omitempty"`
	CorpName       string       `json:"corp_name,omitempty"`
	SyncedAt       *time.Time   `json:"synced_at"`
	Follows        []followJSON `json:"follows"`
}

type followJSON struct {
	UserID         string     `json:"userid"`
	ExternalUserID string     `json:"external_userid"`
	Remark         string     `json:"remark"`
	Description    string     `json:"description"`
	AddTime        *time.Time `json:"add_time"`
	AddWay         int        `json:"add_way"`
	State          string     `json:"state"`
	TagIDs         []string   `json:"tag_ids"`
	Active         bool       `json:"active"`
	DeletedAt      *time.Time `json:"deleted_at"`
	DeletedBy      string     `json:"deleted_by,omitempty"`
}

type groupJSON struct {
	ChatID      string            `json:"chat_id"`
	Name        string            `json:"name"`
	Owner       string            `json:"owner"`
	Notice      string            `json:"notice"`
	CreateTime  *time.Time        `json:"create_time"`
	Status      int               `json:"status"`
	DismissedAt *time.Time        `json:"dismissed_at"`
	Members     []groupMemberJSON `json:"members"`
}

type groupMemberJSON struct {
	MemberID  string     `json:"member_id"`
	Type      int        `json:"type"`
	Name      string     `json:"name"`
	JoinTime  *time.Time `json:"join_time"`
	JoinScene int        `json:"join_scene"`
	Invitor   string     `json:"invitor,omitempty"`
	State     string     `json:"state"`
}

type tagGroupJSON struct {
	GroupID string    `json:"group_id"`
	Name    string    `json:"name"`
	Order   int64     `json:"order"`
	Tags    []tagJSON `json:"tags"`
}

type tagJSON struct {
	TagID string `json:"tag_id"`
	Name  string `json:"name"`
	Order int64  `json:"order"`
}

type syncRunJSON struct {
	ID         int64           `json:"id"`
	Status     string          `json:"status"`
	Phase      string          `json:"phase"`
	Customers  int             `json:"customers"`
	Follows    int             `json:"follows"`
	Groups     int             `json:"groups"`
	Drift      json.RawMessage `json:"drift,omitempty"`
	LastError  string          `json:"last_error,omitempty"`
	StartedAt  time.Time       `json:"started_at"`
	FinishedAt *time.Time      `json:"finished_at"`
}

func toFollow(f app.Follow) followJSON {
	tags := f.TagIDs
	if tags == nil {
		tags = []string{}
	}
	return followJSON{UserID: f.UserID, ExternalUserID: f.ExternalUserID, Remark: f.Remark, Description: f.Description,
		AddTime: f.AddTime, AddWay: f.AddWay, State: f.State, TagIDs: tags, Active: f.Active(),
		DeletedAt: f.DeletedAt, DeletedBy: f.DeletedBy}
}

func toCustomer(c app.CustomerFollows) customerJSON {
	out := customerJSON{ExternalUserID: c.ExternalUserID, UnionID: c.UnionID, Name: c.Name, Type: c.Type, Gender: c.Gender,
		Avatar: c.Avatar, CorpName: c.CorpName, SyncedAt: c.SyncedAt, Follows: mapAll(c.Follows, toFollow)}
	return out
}

func toGroup(g app.GroupMembers) groupJSON {
	return groupJSON{ChatID: g.ChatID, Name: g.Name, Owner: g.Owner, Notice: g.Notice, CreateTime: g.CreateTime,
		Status: g.Status, DismissedAt: g.DismissedAt, Members: mapAll(g.Members, func(m app.GroupMember) groupMemberJSON {
			return groupMemberJSON{MemberID: m.MemberID, Type: m.Type, Name: m.Name, JoinTime: m.JoinTime,
				JoinScene: m.JoinScene, Invitor: m.Invitor, State: m.State}
		})}
}

func toTagGroup(g app.TagGroup) tagGroupJSON {
	return tagGroupJSON{GroupID: g.GroupID, Name: g.Name, Order: g.Order, Tags: mapAll(g.Tags, func(t app.Tag) tagJSON {
		return tagJSON{TagID: t.TagID, Name: t.Name, Order: t.Order}
	})}
}

func toSyncRun(r app.SyncRun) syncRunJSON {
	return syncRunJSON{ID: r.ID, Status: r.Status, Phase: r.Phase, Customers: r.Customers, Follows: r.Follows,
		Groups: r.GroupsSeen, Drift: rawJSON(r.DriftJSON), LastError: r.LastError, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt}
}

// rawJSON embeds a stored JSON document, or nothing when it is empty or
// not JSON.
func rawJSON(s string) json.RawMessage {
	if s == "" || !json.Valid([]byte(s)) {
		return nil
	}
	return json.RawMessage(s)
}

// mapAll converts every item, never returning nil, so JSON lists are [].
func mapAll[T, U any](in []T, f func(T) U) []U {
	out := make([]U, 0, len(in))
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}
