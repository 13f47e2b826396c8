package demo

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// Org is where the demo's stores and guide bindings go, so that adds
// fired at the demo corp are assigned to guides and stores like a real
// chain's.
type Org interface {
	CreateStore(ctx context.Context, s *app.Store) error
	CreateGuide(ctx context.Context, g *app.Guide) error
}

// onlineCode is the demo online team's store code.
const onlineCode = "ONLINE"

// seedOrg binds the sandbox's members to stores named by their store
// hint (the online team for members without one). What exists from an
// earlier start is left as it is, so a user's own changes survive.
func (d *Demo) seedOrg(ctx context.Context, org Org, corpID int64) error {
	codes := map[string]string{"": onlineCode}
	members := d.corp.Snapshot().Members
	for _, m := range members {
		if _, ok := codes[m.Store]; !ok {
			codes[m.Store] = fmt.Sprintf("S%02d", len(codes))
		}
	}
	for name, code := range codes {
		st := &app.Store{CorpID: corpID, Code: code, Name: name, Kind: app.StoreKindStore, City: "上海", Status: app.StoreOpen}
		if code == onlineCode {
			st.Name, st.Kind, st.City = "线上团队", app.StoreKindOnline, ""
		}
		if err := exists(org.CreateStore(ctx, st)); err != nil {
			return fmt.Errorf("demo store %s: %w", code, err)
		}
	}
	for _, m := range members {
		g := &app.Guide{CorpID: corpID, UserID: m.UserID, Name: m.Name, StoreCode: codes[m.Store], Role: app.GuideRoleGuide, Status: app.GuideActive}
		if len(m.UserID) > 7 && m.UserID[:7] == "manager" {
			g.Role = app.GuideRoleManager
		}
		if err := exists(org.CreateGuide(ctx, g)); err != nil {
			return fmt.Errorf("demo guide %s: %w", m.UserID, err)
		}
	}
	return nil
}

// exists treats "already there" as done.
func exists(err error) error {
	if app.ErrorCode(err) == app.ECONFLICT {
		return nil
	}
	return err
}
