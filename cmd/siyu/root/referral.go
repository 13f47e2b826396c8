package root

import (
	"context"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/wecom"
)

// buildReferrals wires referral campaigns (裂变): they read the mirror,
// ask the directory to read a new customer (for the unionid), grant
// rewards, draw codes and send notices through the corp's mini-program,
// and record a touch per credited help. Built after the mini-program.
func (g *Graph) buildReferrals() {
	g.Referrals = referral.New(referral.Deps{Store: db.NewReferralStore(g.DB), Tx: g.DB, Dir: g.Stores.Directory, Reader: g.Dir,
		Channels: g.Channels, Clients: wecom.As[referral.WeCom](g.Clients), Touches: g.Touch, Guides: g.Stores.Org,
		Rewards: g.Rewards, Materials: g.Materials.Store, Codes: referralCodes{g}, Notices: g.MiniApps, Tasks: g.Todo,
		Owners: g.Stores.Assign})
}

// referralCodes draws participants' codes with the corp's mini-program,
// leading to its campaign page.
type referralCodes struct{ g *Graph }

// Code returns the PNG code whose scene is a participant's key.
func (r referralCodes) Code(ctx context.Context, corpID int64, scene string) ([]byte, error) {
	a, err := r.g.MiniApps.AppFor(ctx, corpID, nil)
	if err != nil {
		return nil, err
	}
	cli, err := r.g.MiniPrograms.Client(ctx, corpID, a.ID)
	if err != nil {
		return nil, err
	}
	return cli.WXACode(ctx, wecom.WXACodeRequest{Scene: scene, Page: a.CampaignPage})
}
