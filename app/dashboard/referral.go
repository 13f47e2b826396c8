package dashboard

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

var (
	referralColumns = []Column{{Key: "participants", Label: "参与人数", Kind: Count}, {Key: "visits", Label: "扫码", Kind: Count},
		{Key: "invitees", Label: "被邀请人", Kind: Count}, {Key: "credited", Label: "已计入", Kind: Count},
		{Key: "k", Label: "K 因子", Kind: Ratio}, {Key: "invite_rate", Label: "扫码→邀请", Kind: Rate},
		{Key: "credit_rate", Label: "邀请→计入", Kind: Rate}}
	// A store manager sees their store's helps: who arrived and who was
	// credited (participants, scans and invitations are no store's).
	referralStoreColumns = []Column{{Key: "arrived", Label: "本店到达", Kind: Count}, {Key: "credited", Label: "本店已计入", Kind: Count},
		{Key: "credit_rate", Label: "到达→计入", Kind: Rate}}
)

// ReferralPage is 裂变: each campaign's funnel (participants → scans →
// invitees → credited helps) and K-factor since it began, and the funnel
// of the campaign picked.
type ReferralPage struct {
	Table  Table
	Funnel Chart
	Picked string // the campaign the funnel is of (its id)
	Scoped bool   // a store manager's: their store's helps only
}

// Referrals builds 裂变 for sc; picked is the campaign to draw (the
// first listed when 0 or not found).
func (s *Service) Referrals(ctx context.Context, sc Scope, picked int64) (*ReferralPage, error) {
	out := &ReferralPage{Scoped: sc.StoreID != 0}
	cols := referralColumns
	if out.Scoped {
		cols = referralStoreColumns
	}
	out.Table = Table{Key: "referrals", Title: "裂变活动", Heads: []string{"活动"}, Columns: cols}
	if s.d.Referrals == nil {
		return out, nil
	}
	var funnels [][]float64
	// Campaigns come newest first, a page after the last id seen.
	p := app.Page{Limit: app.MaxPageSize}
	for {
		cs, _, err := s.d.Referrals.ListCampaigns(ctx, sc.CorpID, p)
		for i := 0; err == nil && i < len(cs); i++ {
			var b *app.ReferralBreakdown
			if b, err = s.d.Referrals.Figures(ctx, sc.CorpID, cs[i].ID); err == nil {
				row, funnel := referralRow(cs[i], b, sc.StoreID)
				out.Table.Rows, funnels = append(out.Table.Rows, row), append(funnels, funnel)
			}
		}
		if err != nil {
			return nil, err
		}
		if len(cs) < p.Limit {
			break
		}
		p.After = cs[len(cs)-1].ID
	}
	out.Table.Count = len(out.Table.Rows)
	out.Funnel = Chart{Kind: "funnel", X: []string{"参与人数", "扫码", "被邀请人", "已计入"}, Series: []Series{{Name: "人数", Data: []float64{}}}}
	if out.Scoped {
		out.Funnel.X = []string{"本店到达", "本店已计入"}
	}
	for i, r := range out.Table.Rows {
		if i == 0 || r.Key == strconv.FormatInt(picked, 10) {
			out.Picked, out.Funnel.Title, out.Funnel.Series[0].Data = r.Key, r.Labels[0], funnels[i]
		}
	}
	return out, nil
}

// referralRow is a campaign's line and its funnel: the whole campaign's,
// or store's helps when store is set.
func referralRow(c app.ReferralCampaign, b *app.ReferralBreakdown, store int64) (Row, []float64) {
	key, f := strconv.FormatInt(c.ID, 10), b.Total
	if store != 0 {
		var mine app.ReferralFigures
		if b.ByStore[store] != nil {
			mine = *b.ByStore[store]
		}
		arrived := mine.Held + mine.Credited + mine.Review + mine.Voided
		return Row{Key: key, Labels: []string{c.Name}, Cells: []Cell{Of(float64(arrived)), Of(float64(mine.Credited)), Share(mine.Credited, arrived)}},
			[]float64{float64(arrived), float64(mine.Credited)}
	}
	k := Cell{}
	if f.Participants > 0 {
		k = Of(f.KFactor())
	}
	return Row{Key: key, Labels: []string{c.Name}, Cells: []Cell{Of(float64(f.Participants)), Of(float64(f.Visits)), Of(float64(f.Invitees)),
			Of(float64(f.Credited)), k, Share(f.Invitees, f.Visits), Share(f.Credited, f.Invitees)}},
		[]float64{float64(f.Participants), float64(f.Visits), float64(f.Invitees), float64(f.Credited)}
}
