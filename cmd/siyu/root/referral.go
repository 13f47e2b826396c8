package root

import (
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/wecom"
)

// buildReferrals wires referral campaigns (裂变): they read the mirror,
// ask the directory to read a new customer (for the unionid) and record a
// touch per credited help.
func (g *Graph) buildReferrals() {
	g.Referrals = referral.New(referral.Deps{Store: db.NewReferralStore(g.DB), Tx: g.DB, Dir: g.Stores.Directory, Reader: g.Dir,
		Channels: g.Channels, Clients: wecom.As[referral.WeCom](g.Clients), Touches: g.Touch, Guides: g.Stores.Org, Rewards: g.Rewards, Materials: g.Materials.Store})
}
