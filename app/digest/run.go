package digest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Run sends corpID's store managers their digest of yesterday, once the
// corp's clock has passed the digest hour: each manager not yet claimed
// whose pace admits a message now (the others wait for the next run),
// then the digests claimed earlier that WeCom has not taken.
func (s *Service) Run(ctx context.Context, corpID int64) error {
	corp, err := s.Corps.FindCorpByID(ctx, corpID)
	if err != nil {
		return err
	}
	now := s.Now().In(app.ZoneNamed(corp.Timezone))
	if now.Hour() < s.Hour {
		return s.resend(ctx, corp)
	}
	day := time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, now.Location())
	managers, err := s.managers(ctx, corpID)
	if err != nil {
		return err
	}
	errs := []error{s.sendAll(ctx, corp, day, managers)}
	return errors.Join(append(errs, s.resend(ctx, corp))...)
}

// managers are the corp's active store managers, with their stores.
func (s *Service) managers(ctx context.Context, corpID int64) ([]manager, error) {
	var gs []app.Guide
	f := app.GuideFilter{Status: app.GuideActive, Role: app.GuideRoleManager}
	for {
		page, next, err := s.Guides.ListGuides(ctx, corpID, f)
		if err != nil {
			return nil, err
		}
		gs = append(gs, page...)
		if next == 0 {
			break
		}
		f.After = next
	}
	return s.withStores(ctx, corpID, gs)
}

// manager is a store manager and their store.
type manager struct {
	UserID string
	Store  app.Store
}

func (s *Service) withStores(ctx context.Context, corpID int64, gs []app.Guide) ([]manager, error) {
	ids := make([]int64, len(gs))
	for i, g := range gs {
		ids[i] = g.StoreID
	}
	stores, err := s.Guides.StoresByID(ctx, corpID, ids)
	var out []manager
	for _, g := range gs {
		if st, ok := stores[g.StoreID]; ok {
			out = append(out, manager{UserID: g.UserID, Store: st})
		}
	}
	return out, err
}

// sendAll claims and sends the digest of day to each manager who has
// none yet.
func (s *Service) sendAll(ctx context.Context, corp *app.Corp, day time.Time, ms []manager) error {
	key := day.Format(time.DateOnly)
	done, err := s.Store.Claimed(ctx, corp.ID, key)
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range ms {
		if done[m.UserID] {
			continue
		}
		if err := s.one(ctx, corp, day, m); err != nil {
			errs = append(errs, fmt.Errorf("digest %s: %w", m.UserID, err))
		}
	}
	return errors.Join(errs...)
}

// one sends manager m the digest of day when their pace admits it.
func (s *Service) one(ctx context.Context, corp *app.Corp, day time.Time, m manager) error {
	if ok, err := s.Pace.Take(ctx, corp.ID, m.UserID, s.Now()); err != nil || !ok {
		return err
	}
	d, err := s.compose(ctx, corp, day, m)
	if err != nil {
		return err
	}
	claimed, err := s.Store.Claim(ctx, d)
	if err != nil || !claimed {
		return err
	}
	return s.send(ctx, d)
}
