package demo

import (
	"context"
	"slices"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// PageSize is how many customers the /sandbox page lists at a time.
const PageSize = 20

// Overview is what the /sandbox page shows: the demo corp as the sandbox
// (WeCom) holds it, beside what Siyu has mirrored of it.
type Overview struct {
	CorpID     string
	SandboxURL string
	Members    []sandbox.Member
	Customers  []CustomerView // newest first
	Page       int            // 1-based
	Pages      int
	Groups     []sandbox.Group // live ones
	TagGroups  []sandbox.TagGroup
	LastSync   *app.SyncRun // nil before the first
	// Refused are the latest callbacks Siyu did not take, newest first.
	Refused []Refusal
}

// refusedShown is how many refused callbacks the page lists.
const refusedShown = 10

// CustomerView is one customer with the members following them in the
// sandbox and in Siyu's mirror.
type CustomerView struct {
	sandbox.Customer
	Follows     []sandbox.Follow
	SiyuFollows []app.Follow
	// InSync means Siyu has the same members following as the sandbox.
	InSync bool
}

// Overview builds page (1-based) of the overview.
func (d *Demo) Overview(ctx context.Context, page int) (*Overview, error) {
	snap := d.corp.Snapshot()
	o := &Overview{CorpID: d.corp.ID(), SandboxURL: d.url, Members: snap.Members, TagGroups: snap.TagGroups,
		Pages: max(1, (len(snap.Customers)+PageSize-1)/PageSize), Refused: Refused(d.corp.Deliveries(), refusedShown)}
	o.Page = min(max(page, 1), o.Pages)
	for _, g := range snap.Groups {
		if !g.Dismissed {
			o.Groups = append(o.Groups, g)
		}
	}
	customers := slices.Clone(snap.Customers)
	slices.Reverse(customers)
	customers = customers[min((o.Page-1)*PageSize, len(customers)):min(o.Page*PageSize, len(customers))]
	byCustomer := map[string][]sandbox.Follow{}
	for _, f := range snap.Follows {
		byCustomer[f.ExternalUserID] = append(byCustomer[f.ExternalUserID], f)
	}
	for _, c := range customers {
		o.Customers = append(o.Customers, CustomerView{Customer: c, Follows: byCustomer[c.ExternalUserID]})
	}
	return o, d.mirror(ctx, o)
}

// mirror fills in what Siyu holds, once the demo is connected to it.
func (d *Demo) mirror(ctx context.Context, o *Overview) error {
	siyu := d.siyu.Load()
	if siyu == nil || siyu.Directory == nil {
		return nil
	}
	corp, err := siyu.Corps.FindCorpByCorpID(ctx, o.CorpID)
	if err != nil {
		return err
	}
	runs, _, err := siyu.Directory.ListSyncRuns(ctx, corp.ID, app.Page{Limit: 1})
	if err != nil {
		return err
	}
	if len(runs) > 0 {
		o.LastSync = &runs[0]
	}
	for i := range o.Customers {
		c := &o.Customers[i]
		c.SiyuFollows, _, err = siyu.Directory.ListFollows(ctx, corp.ID, app.FollowFilter{ExternalUserID: c.ExternalUserID, ActiveOnly: true})
		if err != nil {
			return err
		}
		c.InSync = sameMembers(c.Follows, c.SiyuFollows)
	}
	return nil
}

func sameMembers(want []sandbox.Follow, got []app.Follow) bool {
	var a, b []string
	for _, f := range want {
		a = append(a, f.UserID)
	}
	for _, f := range got {
		b = append(b, f.UserID)
	}
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
