package api

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// segChoices are what the builder's inputs offer, and what a rule's
// values are named by: every field, and the stores, guides, channels and
// tags the tree's conditions need (read only when some condition does).
type segChoices struct {
	Fields   []fieldGroup
	Stores   []app.Store
	Guides   []consoleOption // userid, name with store
	Channels []app.Channel
	Tags     []app.TagGroup
}

// segmentChoices reads the choices the conditions of root need.
func (s *server) segmentChoices(ctx context.Context, corpID int64, root *ruleNode) (*segChoices, error) {
	need := map[string]bool{}
	root.each(func(n *ruleNode) { need[refOfKind(inputKind(n.Field, n.Cmp))] = true })
	c := &segChoices{Fields: segmentFieldChoices()}
	var err error
	if need["store"] || need["guide"] {
		c.Stores, err = s.allStores(ctx, corpID)
	}
	if err == nil && need["guide"] {
		c.Guides, err = s.guideChoices(ctx, corpID, c.Stores)
	}
	if err == nil && (need["channel"] || need["state"]) && s.d.Channels != nil {
		err = eachPage(func(p app.Page) (int64, error) {
			cs, next, err := s.d.Channels.ListChannels(ctx, corpID, p)
			c.Channels = append(c.Channels, cs...)
			return next, err
		})
	}
	if err == nil && need["tags"] {
		c.Tags, err = s.d.Customers.CorpTags(ctx, corpID)
	}
	return c, err
}

// refOfKind is the thing an input kind names: stores for store and stores.
func refOfKind(kind string) string {
	switch kind {
	case "stores", "guides", "channels", "states":
		return kind[:len(kind)-1]
	}
	return kind
}

// guideChoices are every guide of the corp by name, with their store.
func (s *server) guideChoices(ctx context.Context, corpID int64, stores []app.Store) ([]consoleOption, error) {
	var out []consoleOption
	err := eachPage(func(p app.Page) (int64, error) {
		gs, next, err := s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: p})
		for _, g := range gs {
			label := g.Name
			if label == "" {
				label = "未登记姓名（" + g.UserID + "）"
			}
			if st := storeName(stores, g.StoreID); st != "" {
				label += "（" + st + "）"
			}
			if g.Status == app.GuideLeft {
				label += "（已离职）"
			}
			out = append(out, consoleOption{Value: g.UserID, Label: label})
		}
		return next, err
	})
	return out, err
}

// each calls fn for every condition under n.
func (n *ruleNode) each(fn func(*ruleNode)) {
	if !n.Group {
		fn(n)
	}
	for _, k := range n.Kids {
		k.each(fn)
	}
}
