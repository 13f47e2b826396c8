package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
	"github.com/siyu-scrm/siyu/app/touch"
)

// Panel builds the side panel on the graph: guides see the customers
// they follow, store managers their stores' customers, with owner,
// history and tasks, member and orders from the capabilities that keep
// them; what a guide sends from it goes through their share links into
// the touch ledger.
func (g *Graph) Panel(cfg panel.Config) *panel.Service {
	st := g.Stores
	sections := panel.AssignSections{Owners: g.Assign, Names: g.Names(), Tasks: g.Todo}
	members := g.PanelMembers()
	return panel.New(cfg, panel.Deps{Corps: st.Corps, Dir: st.Directory, Clients: g.Clients, Refresh: g.Dir, Channels: g.Channels,
		Access:   panel.AnyAccess{panel.FollowAccess{Follows: st.Directory}, panel.StoreAccess{Org: st.Org, Owners: g.Assign, Followers: st.Directory}},
		Sections: panel.Sections{Owner: sections, Assignments: sections, Tasks: sections, Member: members, Orders: members},
		People:   g.Names(), Touches: g.Touch, Shares: guideLinks{g.Touch, st.Touches}})
}

// PanelMembers are the panel's member and order sections: members and
// their merges as member keeps them, RFM's classes, orders' sales.
func (g *Graph) PanelMembers() panel.MemberSections {
	st := g.Stores
	return panel.MemberSections{Scopes: st.Org, Members: st.Members, Merges: st.Credits, RFM: st.RFM, Sales: st.Orders, Names: g.Names()}
}

// guideLinks are the touch ledger's share links as the panel asks for
// them: made by touch (which checks the guide and the address), read
// back from its store.
type guideLinks struct {
	touch *touch.Service
	links interface {
		FindShareLink(ctx context.Context, code string) (*app.ShareLink, error)
	}
}

// CreateGuideLink makes guide userID's link to target.
func (l guideLinks) CreateGuideLink(ctx context.Context, corpID int64, userID, target, title string) (*app.ShareLink, error) {
	return l.touch.CreateShareLink(ctx, corpID, touch.ShareInput{UserID: userID, Target: target, Title: title})
}

// FindShareLink finds a link by its code.
func (l guideLinks) FindShareLink(ctx context.Context, code string) (*app.ShareLink, error) {
	return l.links.FindShareLink(ctx, code)
}
