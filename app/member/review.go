package member

import (
	"context"
	"encoding/json"

	"github.com/siyu-scrm/siyu/app"
)

// review leaves the member and other (nil: no other record, the data
// itself clashes) for an operator, once per pair and key however often
// the same data is sent.
func (u *upsertion) review(ctx context.Context, k key, other *app.Member, reason string) error {
	rv := &app.MemberReview{CorpID: u.corpID, Scope: u.r.scope, MemberID: u.m.ID, Kind: k.kind, Reason: reason,
		Payload: u.r.payload(), Status: app.ReviewOpen}
	if other != nil {
		rv.OtherID = other.ID
	}
	created, err := u.s.Store.OpenReview(ctx, rv)
	if err == nil && created {
		u.res.Reviews = append(u.res.Reviews, rv.ID)
	}
	return err
}

// payload is the record as a reviewer may read it: its keys (the phone
// masked) and what it set.
func (r *record) payload() string {
	keys := map[string][]string{}
	for _, k := range r.keys {
		v := k.value
		if k.kind == app.KeyPhone {
			v = app.MaskPhone(r.phone)
		}
		keys[k.kind] = append(keys[k.kind], v)
	}
	b, _ := json.Marshal(map[string]any{"keys": keys, "phone_verified": r.verified, "name": r.attrs.Name})
	return string(b)
}
