package api

import (
	"encoding/json"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The JSON shapes of the mass-send API.

type massSendInputJSON struct {
	Name           string                   `json:"name"`
	Scope          int64                    `json:"scope"`
	ChatType       string                   `json:"chat_type"`
	Audience       massSendAudienceJSON     `json:"audience"`
	Text           string                   `json:"text"`
	Attachments    []app.MassSendAttachment `json:"attachments"`
	SendAt         *time.Time               `json:"send_at"`
	HoldoutPercent int                      `json:"holdout_percent"`
	Draft          bool                     `json:"draft"`
}

type massSendAudienceJSON struct {
	Kind            string     `json:"kind"`
	SegmentID       int64      `json:"segment_id,omitempty"`
	SegmentVersion  int        `json:"segment_version,omitempty"`
	TagGroups       [][]string `json:"tag_groups,omitempty"`
	ExternalUserIDs []string   `json:"external_userids,omitempty"`
	// Groups is the "groups" kind's selection (chat_type group).
	Groups *app.GroupSelection `json:"groups,omitempty"`
}

func (in massSendInputJSON) input() app.MassSendInput {
	a := in.Audience
	return app.MassSendInput{Name: in.Name, Scope: in.Scope, ChatType: in.ChatType, Text: in.Text, Attachments: in.Attachments,
		SendAt: in.SendAt, HoldoutPercent: in.HoldoutPercent, Draft: in.Draft,
		Audience: app.MassSendAudience{Kind: a.Kind, SegmentID: a.SegmentID, SegmentVersion: a.SegmentVersion, TagGroups: a.TagGroups,
			ExternalUserIDs: a.ExternalUserIDs, Groups: deref(a.Groups)}}
}

// deref is *sel, or an empty selection when none was sent.
func deref(sel *app.GroupSelection) app.GroupSelection {
	if sel == nil {
		return app.GroupSelection{}
	}
	return *sel
}

type massSendJSON struct {
	ID             int64                `json:"id"`
	Name           string               `json:"name"`
	Scope          int64                `json:"scope"`
	ChatType       string               `json:"chat_type"`
	Audience       massSendAudienceJSON `json:"audience"`
	Text           string               `json:"text"`
	Attachments    json.RawMessage      `json:"attachments"`
	SendAt         time.Time            `json:"send_at"`
	HoldoutPercent int                  `json:"holdout_percent"`
	Status         string               `json:"status"`
	CreatedBy      string               `json:"created_by"`
	Counts         massSendCounts       `json:"counts"`
	RemindersLeft  *int64               `json:"reminders_left,omitempty"`
	PlannedAt      *time.Time           `json:"planned_at"`
	FinishedAt     *time.Time           `json:"finished_at"`
	CreatedAt      time.Time            `json:"created_at"`
}

// massSendCounts are written when the send is planned.
type massSendCounts struct {
	Targeted int64 `json:"targeted"`
	Excluded int64 `json:"excluded"`
	Holdout  int64 `json:"holdout"`
	Chunks   int64 `json:"chunks"`
}

func toMassSend(ms app.MassSend) massSendJSON {
	var tags [][]string
	_ = json.Unmarshal([]byte(ms.TagGroups), &tags)
	var groups *app.GroupSelection
	if ms.AudienceKind == app.AudienceGroups {
		groups = &app.GroupSelection{}
		_ = json.Unmarshal([]byte(ms.GroupSelection), groups)
	}
	atts := json.RawMessage(ms.Attachments)
	if len(atts) == 0 || string(atts) == "null" {
		atts = json.RawMessage("[]")
	}
	return massSendJSON{ID: ms.ID, Name: ms.Name, Scope: ms.Scope, ChatType: ms.ChatType, Text: ms.Text, Attachments: atts,
		Audience: massSendAudienceJSON{Kind: ms.AudienceKind, SegmentID: ms.SegmentID, SegmentVersion: ms.SegmentVersion, TagGroups: tags, Groups: groups},
		SendAt:   ms.SendAt, HoldoutPercent: ms.HoldoutPercent, Status: ms.Status, CreatedBy: ms.CreatedBy,
		Counts:    massSendCounts{Targeted: ms.Targeted, Excluded: ms.Excluded, Holdout: ms.Holdout, Chunks: ms.Chunks},
		PlannedAt: ms.PlannedAt, FinishedAt: ms.FinishedAt, CreatedAt: ms.CreatedAt}
}

type massSendPreviewJSON struct {
	Targeted int64                 `json:"targeted"`
	Excluded map[string]int64      `json:"excluded"`
	Guides   []massSendGuideCountJ `json:"guides"`
}

type massSendGuideCountJ struct {
	UserID     string `json:"userid"`
	Name       string `json:"name"`
	Recipients int64  `json:"recipients"`
	Chunks     int64  `json:"chunks"`
}

func toMassSendPreview(pv *app.MassSendPreview, people map[string]string) massSendPreviewJSON {
	out := massSendPreviewJSON{Targeted: pv.Targeted, Excluded: pv.Excluded, Guides: []massSendGuideCountJ{}}
	if out.Excluded == nil {
		out.Excluded = map[string]int64{}
	}
	for _, g := range pv.Guides {
		out.Guides = append(out.Guides, massSendGuideCountJ{UserID: g.UserID, Name: people[g.UserID], Recipients: g.Recipients, Chunks: g.Chunks})
	}
	return out
}

func guidesOfPreview(pv *app.MassSendPreview) []string {
	out := make([]string, len(pv.Guides))
	for i, g := range pv.Guides {
		out[i] = g.UserID
	}
	return out
}

type massSendGuideJSON struct {
	UserID    string           `json:"userid"`
	Name      string           `json:"name"`
	Chunks    map[string]int64 `json:"chunks"`
	Confirmed int64            `json:"confirmed"`
	Results   map[string]int64 `json:"results"`
}

// toMassSendGuide is a guide's progress; the pending results ("") are
// named "pending".
func toMassSendGuide(p app.MassSendGuideProgress, people map[string]string) massSendGuideJSON {
	res := map[string]int64{}
	for k, n := range p.Results {
		if k == "" {
			k = "pending"
		}
		res[k] += n
	}
	return massSendGuideJSON{UserID: p.UserID, Name: people[p.UserID], Chunks: p.Chunks, Confirmed: p.Confirmed, Results: res}
}

func guidesOfProgress(ps []app.MassSendGuideProgress) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.UserID
	}
	return out
}

type massSendRecipientJSON struct {
	ID             int64      `json:"id"`
	ExternalUserID string     `json:"external_userid"`
	UserID         string     `json:"userid"`
	Chunk          int        `json:"chunk"`
	Excluded       string     `json:"excluded"`
	Result         string     `json:"result"`
	ResultAt       *time.Time `json:"result_at"`
}

func toMassSendRecipient(r app.MassSendRecipient) massSendRecipientJSON {
	return massSendRecipientJSON{ID: r.ID, ExternalUserID: r.ExternalUserID, UserID: r.UserID, Chunk: r.Chunk, Excluded: r.Excluded,
		Result: r.Result, ResultAt: r.ResultAt}
}
