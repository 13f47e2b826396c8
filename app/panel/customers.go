package panel

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// entryLimit is how many customers the entry page offers to choose from.
const entryLimit = 50

// MyCustomers lists customers the viewer follows, for the entry page's
// stand-in when no WeCom client says which chat is open.
func (s *Service) MyCustomers(ctx context.Context, v app.PanelViewer) ([]app.Customer, error) {
	cs, _, err := s.dir.ListCustomers(ctx, v.CorpID, app.CustomerFilter{Page: app.Page{Limit: entryLimit}, UserID: v.UserID})
	out := make([]app.Customer, len(cs))
	for i, c := range cs {
		out[i] = c.Customer
	}
	return out, err
}
