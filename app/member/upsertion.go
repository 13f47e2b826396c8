package member

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// upsertion is one record being applied to one member.
type upsertion struct {
	s       *Service
	corpID  int64
	r       *record
	m       *app.Member
	holders map[key]int64
	res     *Result
	changed bool
	newKeys []app.MemberIdentity
	// oldPhone is the index of the phone the member had until this record
	// brought another.
	oldPhone string
}

// create inserts the new member r is for.
func (u *upsertion) create(ctx context.Context) error {
	u.m = &app.Member{CorpID: u.corpID, Scope: u.r.scope, Status: app.MemberActive, Tags: "[]"}
	u.res.Outcome = Created
	return u.s.Store.CreateMember(ctx, u.m)
}

// run settles each key of the record, then its attributes, then links
// what the member's keys now find.
func (u *upsertion) run(ctx context.Context) error {
	for _, k := range u.r.keys {
		if err := u.settle(ctx, k); err != nil {
			return err
		}
	}
	u.apply()
	if err := u.dropOldPhone(ctx); err != nil {
		return err
	}
	if err := u.s.Store.AddIdentities(ctx, u.newKeys); err != nil {
		return err
	}
	if u.changed || len(u.newKeys) > 0 || len(u.res.Merged) > 0 {
		if u.res.Outcome == Unchanged {
			u.res.Outcome = Updated
		}
		if err := u.s.Store.SaveMember(ctx, u.m); err != nil {
			return err
		}
	}
	if u.res.Outcome == Unchanged {
		return nil
	}
	return u.s.link(ctx, u.m)
}

// settle gives key k to the member, merges its other holder into the
// member, or leaves the pair for review.
func (u *upsertion) settle(ctx context.Context, k key) error {
	switch h := u.holders[k]; {
	case h == u.m.ID:
		return u.own(k) // a phone may be verified now
	case h != 0:
		return u.absorb(ctx, k, h)
	case k.kind == app.KeyUnionID && u.m.UnionID != "" && u.m.UnionID != k.value:
		return u.review(ctx, k, nil, "该会员已有另一个 unionid，新资料的 unionid 未采用")
	}
	return u.take(k)
}

// take gives the member key k, which nobody holds, and the column that
// mirrors it.
func (u *upsertion) take(k key) error {
	if k.kind == app.KeyPhone && u.m.PhoneIndex != "" && u.m.PhoneIndex != k.value {
		u.oldPhone = u.m.PhoneIndex
	}
	u.newKeys = append(u.newKeys, app.MemberIdentity{CorpID: u.corpID, Scope: u.r.scope, MemberID: u.m.ID, Kind: k.kind, Value: k.value})
	return u.own(k)
}

// own sets the member's columns for key k, now the member's.
func (u *upsertion) own(k key) error {
	switch k.kind {
	case app.KeyMemberNo:
		u.set(&u.m.MemberNo, k.value)
	case app.KeyUnionID:
		u.set(&u.m.UnionID, k.value)
	case app.KeyPhone:
		return u.setPhone(k.value)
	}
	return nil
}

// setPhone gives the member the record's phone, whose index is index:
// sealed afresh only when it is another number (a new seal of the same
// one would read as a change on every re-send), verified once anyone
// verified it.
func (u *upsertion) setPhone(index string) error {
	if u.m.PhoneIndex != index {
		sealed, err := u.s.Box.Seal(u.r.phone)
		if err != nil {
			return err
		}
		u.m.PhoneSealed, u.m.PhoneIndex, u.m.PhoneMasked, u.m.PhoneVerified = sealed, index, app.MaskPhone(u.r.phone), false
		u.changed = true
	}
	if u.r.verified && !u.m.PhoneVerified {
		u.m.PhoneVerified, u.changed = true, true
	}
	return nil
}

// dropOldPhone stops the number the member no longer has from finding
// them.
func (u *upsertion) dropOldPhone(ctx context.Context) error {
	if u.oldPhone == "" {
		return nil
	}
	keys, err := u.s.Store.IdentitiesOf(ctx, u.corpID, u.m.ID)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if k.Kind == app.KeyPhone && k.Value == u.oldPhone {
			return u.s.Store.DropIdentities(ctx, u.corpID, []int64{k.ID})
		}
	}
	return nil
}

// absorb settles key k held by member other: merged into the member when
// it is the same person beyond doubt, else left for review.
func (u *upsertion) absorb(ctx context.Context, k key, otherID int64) error {
	other, err := u.s.Store.LockMember(ctx, u.corpID, otherID)
	if err != nil {
		return err
	}
	if reason := doubt(k, u.r, u.m, other); reason != "" {
		return u.review(ctx, k, other, reason)
	}
	if err := u.s.merge(ctx, u.m, other, k.kind); err != nil {
		return err
	}
	u.res.Merged = append(u.res.Merged, other.ID)
	for hk, h := range u.holders {
		if h == other.ID {
			u.holders[hk] = u.m.ID
		}
	}
	return u.own(k)
}

// doubt is why m and other, sharing key k, may not be the same person,
// "" when they are.
func doubt(k key, r *record, m, other *app.Member) string {
	switch {
	case m.MemberNo != "" && other.MemberNo != "" && m.MemberNo != other.MemberNo:
		return "两条记录的会员号不同（" + m.MemberNo + " / " + other.MemberNo + "），但" + keyTitle(k.kind) + "相同"
	case m.UnionID != "" && other.UnionID != "" && m.UnionID != other.UnionID:
		return "两条记录的 unionid 不同，但" + keyTitle(k.kind) + "相同"
	case k.kind == app.KeyPhone && !r.verified:
		return "手机号相同，但新资料的手机号未经验证"
	}
	return ""
}

// keyTitle names a kind of key for people.
func keyTitle(kind string) string {
	return map[string]string{app.KeyMemberNo: "会员号", app.KeyUnionID: "unionid", app.KeyOpenID: "openid",
		app.KeyPhone: "手机号", app.KeyExternal: "企业微信客户"}[kind]
}

func (u *upsertion) set(dst *string, v string) {
	if *dst != v {
		*dst, u.changed = v, true
	}
}
