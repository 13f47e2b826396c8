package panel

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// CustomerPage is everything the customer page shows. The directory parts
// are always filled; the sections (Owner … Orders) only when their reader
// is wired, and the template shows an empty state for each that is not.
type CustomerPage struct {
	Viewer app.PanelViewer
	// ViewerName is the signed-in member's display name, "" if unknown.
	ViewerName string
	CorpName   string
	Location   *time.Location // the corp's time zone: every time is shown in it
	Customer   app.Customer
	// Follow is the viewer's own relation with the customer, nil when a
	// rule other than following admitted them (a store manager).
	Follow *app.Follow
	// ChannelName names the channel code the customer added the viewer
	// through: the channel's name, not its state.
	ChannelName string
	Tags        []TagGroupView

	Owner       *Owner
	Assignments []Assignment
	Tasks       []Task
	Member      *Member
	Orders      *Orders
	// Sends are the viewer's latest sends from the panel to the customer,
	// newest first.
	Sends []Send
}

// TagGroupView is a live tag group with each tag marked when the viewer's
// relation carries it.
type TagGroupView struct {
	Name string
	Tags []TagView
}

// TagView is one corp tag on the page.
type TagView struct {
	ID     string
	Name   string
	Marked bool
}

// CustomerPage builds the page of one customer for v, refusing (403) a
// viewer no access rule admits.
func (s *Service) CustomerPage(ctx context.Context, v app.PanelViewer, externalUserID string) (*CustomerPage, error) {
	p, err := s.customer(ctx, v, externalUserID)
	if err != nil {
		return nil, err
	}
	if err := s.sections.fill(ctx, v, externalUserID, p); err != nil {
		return nil, err
	}
	return p, s.sends(ctx, v, externalUserID, p)
}

// customer builds the directory part of the page, after the access check:
// all a tag edit needs.
func (s *Service) customer(ctx context.Context, v app.PanelViewer, externalUserID string) (*CustomerPage, error) {
	if externalUserID == "" {
		return nil, app.Errorf(app.EINVALID, "缺少客户 external_userid")
	}
	if err := s.mayView(ctx, v, externalUserID); err != nil {
		return nil, err
	}
	corp, err := s.corps.FindCorpByID(ctx, v.CorpID)
	if err != nil {
		return nil, err
	}
	cu, err := s.dir.FindCustomer(ctx, v.CorpID, externalUserID)
	if err != nil {
		return nil, err
	}
	p := &CustomerPage{Viewer: v, CorpName: corp.Name, Location: app.ZoneNamed(corp.Timezone), Customer: *cu}
	if p.ViewerName, err = s.ViewerName(ctx, v); err != nil {
		return nil, err
	}
	return p, s.relation(ctx, v, externalUserID, p)
}

// relation fills the viewer's relation and the tag library around it.
func (s *Service) relation(ctx context.Context, v app.PanelViewer, externalUserID string, p *CustomerPage) error {
	fs, _, err := s.dir.ListFollows(ctx, v.CorpID, app.FollowFilter{Page: app.Page{Limit: 1},
		UserID: v.UserID, ExternalUserID: externalUserID, ActiveOnly: true})
	if err != nil {
		return err
	}
	if len(fs) > 0 {
		p.Follow = &fs[0]
		if p.ChannelName, err = s.channelName(ctx, v.CorpID, p.Follow.State); err != nil {
			return err
		}
	}
	lib, err := s.dir.CorpTags(ctx, v.CorpID)
	if err != nil {
		return err
	}
	marked := map[string]bool{}
	if p.Follow != nil {
		for _, id := range p.Follow.TagIDs {
			marked[id] = true
		}
	}
	for _, g := range lib {
		gv := TagGroupView{Name: g.Name}
		for _, t := range g.Tags {
			gv.Tags = append(gv.Tags, TagView{ID: t.TagID, Name: t.Name, Marked: marked[t.TagID]})
		}
		p.Tags = append(p.Tags, gv)
	}
	return nil
}

// channelName is the name of the channel whose code is state: "" without
// one, and the state itself, marked so, for a code Siyu did not make.
func (s *Service) channelName(ctx context.Context, corpID int64, state string) (string, error) {
	if state == "" || s.channels == nil {
		return state, nil
	}
	ch, err := s.channels.FindChannelByState(ctx, corpID, state)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		return "未在 Siyu 登记的渠道 " + state, nil
	case err != nil:
		return "", err
	}
	return ch.Name, nil
}

// MarkedTags lists the names of the tags the relation carries, in library
// order.
func (p *CustomerPage) MarkedTags() []string {
	var out []string
	for _, g := range p.Tags {
		for _, t := range g.Tags {
			if t.Marked {
				out = append(out, t.Name)
			}
		}
	}
	return out
}

// TypeName names the customer's type.
func (p *CustomerPage) TypeName() string { return CustomerType(p.Customer.Type) }

// AddWayName names how the customer added the viewer ("" without a
// relation).
func (p *CustomerPage) AddWayName() string {
	if p.Follow == nil {
		return ""
	}
	return AddWay(p.Follow.AddWay)
}

// Yuan formats cents for the template, thousands grouped (¥1,234.50).
func (p *CustomerPage) Yuan(cents int64) string { return app.Yuan(cents) }
