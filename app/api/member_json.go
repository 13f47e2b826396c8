package api

import (
	"encoding/json"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// memberJSON is a member as the API shows it: the phone only masked.
type memberJSON struct {
	ID            int64     `json:"id"`
	MemberNo      string    `json:"member_no"`
	UnionID       string    `json:"unionid"`
	Name          string    `json:"name"`
	Gender        int       `json:"gender"`
	Birthday      string    `json:"birthday"`
	Tier          string    `json:"tier"`
	Points        int64     `json:"points"`
	RegStoreID    *int64    `json:"reg_store_id"`
	RegChannel    string    `json:"reg_channel"`
	HomeStoreID   *int64    `json:"home_store_id"`
	Phone         string    `json:"phone"`
	PhoneVerified bool      `json:"phone_verified"`
	Tags          []string  `json:"tags"`
	Status        string    `json:"status"`
	MergedInto    *int64    `json:"merged_into"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

func toMember(m app.Member) memberJSON {
	tags := []string{}
	_ = json.Unmarshal([]byte(m.Tags), &tags)
	return memberJSON{ID: m.ID, MemberNo: m.MemberNo, UnionID: m.UnionID, Name: m.Name, Gender: m.Gender, Birthday: m.Birthday,
		Tier: m.Tier, Points: m.Points, RegStoreID: m.RegStoreID, RegChannel: m.RegChannel, HomeStoreID: m.HomeStoreID,
		Phone: m.PhoneMasked, PhoneVerified: m.PhoneVerified, Tags: tags, Status: m.Status, MergedInto: m.MergedInto,
		CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
}

// memberKeyJSON is one key a member holds.
type memberKeyJSON struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// memberDetailJSON is a member with its keys and merges.
type memberDetailJSON struct {
	memberJSON
	Keys   []memberKeyJSON   `json:"keys"`
	Merges []memberMergeJSON `json:"merges"`
}

func toMemberDetail(m app.Member, keys []app.MemberIdentity, merges []app.MemberMerge) memberDetailJSON {
	out := memberDetailJSON{memberJSON: toMember(m), Keys: []memberKeyJSON{}, Merges: mapAll(merges, toMemberMerge)}
	for _, k := range keys {
		out.Keys = append(out.Keys, memberKeyJSON{k.Kind, k.Value})
	}
	return out
}

// memberMergeJSON is one merge, and whether it was undone.
type memberMergeJSON struct {
	ID         int64      `json:"id"`
	SurvivorID int64      `json:"survivor_id"`
	MergedID   int64      `json:"merged_id"`
	Reason     string     `json:"reason"`
	Actor      string     `json:"actor"`
	CreatedAt  time.Time  `json:"created_at"`
	UndoneAt   *time.Time `json:"undone_at"`
}

func toMemberMerge(m app.MemberMerge) memberMergeJSON {
	return memberMergeJSON{ID: m.ID, SurvivorID: m.SurvivorID, MergedID: m.MergedID, Reason: m.Reason, Actor: m.Actor,
		CreatedAt: m.CreatedAt, UndoneAt: m.UndoneAt}
}

// memberReviewJSON is one possible match.
type memberReviewJSON struct {
	ID        int64           `json:"id"`
	MemberID  int64           `json:"member_id"`
	OtherID   int64           `json:"other_id"`
	Kind      string          `json:"kind"`
	Reason    string          `json:"reason"`
	Payload   json.RawMessage `json:"payload"`
	Status    string          `json:"status"`
	DecidedBy string          `json:"decided_by"`
	CreatedAt time.Time       `json:"created_at"`
}

func toMemberReview(r app.MemberReview) memberReviewJSON {
	return memberReviewJSON{ID: r.ID, MemberID: r.MemberID, OtherID: r.OtherID, Kind: r.Kind, Reason: r.Reason,
		Payload: json.RawMessage(r.Payload), Status: r.Status, DecidedBy: r.DecidedBy, CreatedAt: r.CreatedAt}
}
