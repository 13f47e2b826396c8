package attribution

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// candidate is what one rule says about the order, ok false when it says
// nothing.
func candidate(b Basis, r app.AttributionRules, rule string) (line, bool) {
	at := b.Order.PaidAt
	switch rule {
	case app.RuleOwner:
		t := last(b.Touches, app.TouchOwner, func(t app.Touch) bool {
			return r.Binding != app.BindingTemporary || within(t.At, at, days(r.BindingDays))
		}, at)
		return fromTouch(t, "专属导购：下单时的归属导购")
	case app.RuleShare:
		t := last(b.Touches, app.TouchShareClick, func(t app.Touch) bool { return within(t.At, at, days(r.ShareDays)) }, at)
		return fromTouch(t, "推广导购：下单前最后打开的分享链接")
	case app.RuleAdderFirst:
		return fromTouch(first(b.Touches, app.TouchAdd, at), "添加导购：客户最早添加的导购")
	case app.RuleAdderLast:
		return fromTouch(last(b.Touches, app.TouchAdd, nil, at), "添加导购：客户最近添加的导购")
	case app.RulePOSGuide:
		g, ok := b.Guides[b.Order.GuideCode]
		if b.Order.GuideCode == "" || !ok {
			return line{}, false
		}
		return line{userID: g.UserID, storeID: &g.StoreID, reason: "收银记录的导购"}, true
	case app.RuleStore:
		return line{storeID: b.Order.StoreID, reason: "下单门店"}, b.Order.StoreID != nil
	}
	return line{}, false
}

// fromTouch credits the guide of t, in the store t was recorded in.
func fromTouch(t *app.Touch, reason string) (line, bool) {
	if t == nil || t.UserID == "" {
		return line{}, false
	}
	return line{userID: t.UserID, storeID: t.StoreID, reason: reason, touches: []int64{t.ID}}, true
}

// last is the latest touch of kind at or before at that keep accepts.
func last(ts []app.Touch, kind string, keep func(app.Touch) bool, at time.Time) *app.Touch {
	for i := len(ts) - 1; i >= 0; i-- {
		t := ts[i]
		if t.Kind == kind && !t.At.After(at) && (keep == nil || keep(t)) {
			return &ts[i]
		}
	}
	return nil
}

// first is the earliest touch of kind at or before at.
func first(ts []app.Touch, kind string, at time.Time) *app.Touch {
	for i, t := range ts {
		if t.Kind == kind && !t.At.After(at) {
			return &ts[i]
		}
	}
	return nil
}
