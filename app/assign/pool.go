package assign

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// placer finds a store and guide for a pooled customer.
type placer struct {
	g     gatherer
	scope int64 // only stores whose customers fall in the owner's scope
	city  string
	lat   *int64
	lng   *int64
	store *int64 // already known: only a guide is missing
}

// place picks the nearest open store (by the channel's coordinates, else
// its city) and its least-loaded active guide; ok is false when no store
// or guide qualifies and the customer stays pooled.
func (p placer) place(ctx context.Context) (candidate, bool, error) {
	stores, err := p.stores(ctx)
	if err != nil || len(stores) == 0 {
		return candidate{}, false, err
	}
	for _, st := range stores {
		cs, err := p.g.storeGuides(ctx, st.ID)
		if err != nil {
			return candidate{}, false, err
		}
		if c, ok := leastLoaded(cs); ok {
			return c, true, nil
		}
	}
	return candidate{}, false, nil
}

// stores are the candidate stores, nearest first. A home store that has
// closed since hands its customer to the stores nearest it.
func (p placer) stores(ctx context.Context) ([]app.Store, error) {
	if p.store != nil {
		st, err := p.g.s.Org.FindStore(ctx, p.g.a.CorpID, *p.store)
		if err != nil || st.Status == app.StoreOpen {
			return []app.Store{*st}, err
		}
		p.store, p.city, p.lat, p.lng = nil, st.City, st.Latitude, st.Longitude
	}
	open, err := p.g.s.Org.OpenStores(ctx, p.g.a.CorpID, p.scope)
	if err != nil {
		return nil, err
	}
	if p.lat != nil && p.lng != nil {
		located := slices.DeleteFunc(open, func(s app.Store) bool { return s.Latitude == nil || s.Longitude == nil })
		slices.SortStableFunc(located, func(a, b app.Store) int { return cmp.Compare(p.distance(a), p.distance(b)) })
		return located, nil
	}
	if p.city != "" {
		return slices.DeleteFunc(open, func(s app.Store) bool { return s.City != p.city }), nil
	}
	return nil, nil
}

// distance is the equirectangular distance in micro-degrees: exact
// enough to rank stores within a country.
func (p placer) distance(s app.Store) float64 {
	lat := float64(*p.lat+*s.Latitude) / 2 / 1e6 * math.Pi / 180
	dx := float64(*s.Longitude-*p.lng) * math.Cos(lat)
	dy := float64(*s.Latitude - *p.lat)
	return dx*dx + dy*dy
}

// placeOnline hands a customer who arrived through an online channel (the
// pool) to the nearest store's least-loaded guide, with a follow-up task.
func (s *Service) placeOnline(ctx context.Context, g gatherer, sit situation, scope int64, out outcome) (outcome, error) {
	p := placer{g: g, scope: scope}
	if ch := sit.Channel; ch != nil {
		p.city, p.lat, p.lng = ch.City, ch.Latitude, ch.Longitude
	}
	o := app.Owner{CorpID: sit.Add.CorpID, Scope: scope, ExternalUserID: sit.Add.ExternalUserID, ChannelID: channelID(sit.Channel)}
	return s.placePooled(ctx, p, o, sit.Add.EventKey+":pool", out)
}

// placePooled places pooled owner o through p and records it under key.
func (s *Service) placePooled(ctx context.Context, p placer, o app.Owner, key string, out outcome) (outcome, error) {
	c, ok, err := p.place(ctx)
	if err != nil || !ok {
		return out, err
	}
	h := handover{userID: c.UserID, storeID: c.StoreID, rule: app.RuleNearest, reason: "公海客户按就近门店分配给负载最低的导购",
		actor: actor, key: key, at: p.g.a.At, task: "公海分配的新客户：请尽快联系并添加好友"}
	if p.store != nil {
		h.rule, h.reason = app.RuleHomeStore, "公海客户分给所属门店负载最低的导购"
	}
	if _, err := s.givePooled(ctx, o, h); err != nil {
		return out, err
	}
	out.userID, out.storeID = c.UserID, &c.StoreID
	return out, nil
}

// handover is a pooled customer given to a guide: who decided, by which
// rule, under which key.
type handover struct {
	userID              string
	storeID             int64
	rule, reason, actor string
	key                 string // the decision's key, unique per corp
	task                string // the guide's follow-up task
	at                  time.Time
}

// givePooled makes pooled owner o the guide's: the owner row, the history
// entry under h.key and the guide's follow-up task, each once per key
// (both keys are unique per corp). It returns the owner after.
func (s *Service) givePooled(ctx context.Context, o app.Owner, h handover) (app.Owner, error) {
	o.UserID, o.StoreID, o.Status, o.AssignedAt = h.userID, &h.storeID, app.OwnerAssigned, h.at
	if err := s.Store.SaveOwner(ctx, &o); err != nil {
		return o, err
	}
	a := app.Assignment{CorpID: o.CorpID, Scope: o.Scope, ExternalUserID: o.ExternalUserID, ToUserID: h.userID, ToStoreID: &h.storeID,
		ChannelID: o.ChannelID, Rule: h.rule, Reason: h.reason, Actor: h.actor, EventKey: h.key}
	if err := s.recordAssignment(ctx, &a); err != nil {
		return o, err
	}
	return o, s.followUp(ctx, o.CorpID, h.userID, o.ExternalUserID, h.task, h.key, h.at)
}

// poolKey names the decision placing a customer pooled since o.AssignedAt.
func poolKey(o app.Owner) string {
	return fmt.Sprintf("pool:%d:%s:%d", o.Scope, o.ExternalUserID, o.AssignedAt.UnixNano())
}
