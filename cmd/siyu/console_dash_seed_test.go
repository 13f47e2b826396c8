package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// seedDashboards gives corp three stores and an online team, six guides,
// three channel codes, 65 days of aggregates as app/stats writes them
// (guides, their stores, the corp, channels by store), a rule version's
// daily credit, yesterday's asset snapshot and two referral campaigns;
// the figures vary day to day from a fixed seed, so the pages look lived
// in and stay the same run after run.
func seedDashboards(t *testing.T, g *root.Graph, d *db.DB, corp *app.Corp) dashSeed {
	ctx := app.WithActor(context.Background(), "cli:test")
	stores := map[string]int64{}
	for _, s := range [][3]string{{"XH", "徐汇店", app.StoreKindStore}, {"JA", "静安店", app.StoreKindStore}, {"PD", "浦东店", app.StoreKindStore},
		{"OL", "线上旗舰店", app.StoreKindOnline}} {
		st := &app.Store{CorpID: corp.ID, Code: s[0], Name: s[1], Kind: s[2], Status: app.StoreOpen}
		require.NoError(t, g.Org.CreateStore(ctx, st))
		stores[s[0]] = st.ID
	}
	guides := [][4]string{{"m1", "王店长", "XH", app.GuideRoleManager}, {"g1", "李娜", "XH", app.GuideRoleGuide}, {"g2", "赵敏", "JA", app.GuideRoleGuide},
		{"g3", "陈晨", "JA", app.GuideRoleGuide}, {"g4", "刘洋", "PD", app.GuideRoleGuide}, {"g5", "周婷", "PD", app.GuideRoleGuide}}
	for _, gd := range guides {
		require.NoError(t, g.Org.CreateGuide(ctx, &app.Guide{CorpID: corp.ID, UserID: gd[0], Name: gd[1], StoreCode: gd[2], Role: gd[3]}))
	}
	channels := map[string]int64{}
	for code, name := range map[string]string{"XH": "门店海报活码", "JA": "导购名片活码", "PD": "社群引流活码"} {
		now := time.Now().UTC()
		res, err := d.SQL().Exec("INSERT INTO channels (corp_id, state, name, kind, store_id, created_at, updated_at) VALUES (?, ?, ?, 'store', ?, ?, ?)",
			corp.ID, "dash-"+code, name, stores[code], now, now)
		require.NoError(t, err)
		channels[code], err = res.LastInsertId()
		require.NoError(t, err)
	}
	rnd := rand.New(rand.NewPCG(15, 2024))
	n := func(lo, hi int) int64 { return int64(lo + rnd.IntN(hi-lo+1)) }
	rules := saveDefaultRules(t, g, corp.ID)
	var rows []app.DailyStat
	for k := 64; k >= 0; k-- {
		day := dayBefore(k)
		var all app.Figures
		byStore := map[string]*app.Figures{}
		for i, gd := range guides {
			adds := n(3, 12) + int64(i%3)
			welcomes := adds
			f := app.Figures{Adds: adds, Ends: n(0, 3), Removals: n(0, 1), Welcomes: welcomes, WelcomesSent: welcomes - n(0, 1),
				TasksDue: n(2, 6), TasksDone: n(1, 5), MSTasks: n(0, 2), MSPlanned: n(20, 60), SOPDue: n(1, 4), Orders: n(1, 6),
				FirstOrders: n(0, 2), Helps: n(0, 4), ChatCnt: n(20, 60), MessageCnt: n(80, 300), ReplyPctSum: n(7000, 9800),
				ReplyPctN: 1, ReplyTimeSum: n(60, 900), ReplyTimeN: 1, Customers: 180 + int64(30*i) + int64(65-k)}
			f.TasksOverdue, f.MSConfirmed, f.SOPDone = n(0, 1), f.MSTasks-n(0, 1)*min(f.MSTasks, 1), f.SOPDue-n(0, 1)
			f.MSDelivered = f.MSPlanned - n(0, 4)
			f.SalesCents, f.RefundCents = f.Orders*n(19900, 68800), n(0, 1)*n(5000, 20000)
			rows = append(rows, app.DailyStat{CorpID: corp.ID, Day: day, Dim: app.StatGuide, Key: gd[0], StoreID: stores[gd[2]], Figures: f})
			if byStore[gd[2]] == nil {
				byStore[gd[2]] = &app.Figures{}
			}
			byStore[gd[2]].Add(f)
			all.Add(f)
		}
		for code, f := range byStore {
			id := stores[code]
			rows = append(rows, app.DailyStat{CorpID: corp.ID, Day: day, Dim: app.StatStore, Key: fmt.Sprint(id), StoreID: id, Figures: *f},
				app.DailyStat{CorpID: corp.ID, Day: day, Dim: app.StatChannel, Key: fmt.Sprint(channels[code]), StoreID: id,
					Figures: app.Figures{Adds: f.Adds * 2 / 3, Welcomes: f.Welcomes * 2 / 3, WelcomesSent: f.WelcomesSent * 2 / 3,
						FirstOrders: f.FirstOrders, Orders: f.FirstOrders + 1, SalesCents: (f.FirstOrders + 1) * 29900}})
			testkit.InsertDailyCredits(t, d, corp.ID, app.DailyCredit{RulesID: rules.ID, Day: day, Team: app.TeamStore, StoreID: id,
				Orders: f.Orders, SalesCents: f.SalesCents * 4 / 5, RefundCents: f.RefundCents})
		}
		testkit.InsertDailyCredits(t, d, corp.ID, app.DailyCredit{RulesID: rules.ID, Day: day, Team: app.TeamOnline, StoreID: stores["OL"],
			Orders: n(2, 8), SalesCents: all.SalesCents / 5})
		rows = append(rows, app.DailyStat{CorpID: corp.ID, Day: day, Dim: app.StatCorp, Figures: all})
	}
	testkit.InsertDailyStats(t, d, rows...)
	seedAssets(t, d, corp.ID, stores, rnd)
	seedReferrals(t, d, corp.ID, stores)
	at := time.Now().AddDate(-1, 0, 0).UTC()
	return dashSeed{uplifts: dashUplifts{{CorpID: corp.ID, Kind: app.UpliftGuide, From: at, To: at.AddDate(1, 0, -1), Treated: 4280,
		Control: 11730, Strata: 36, Spend: app.Estimate{Value: 0.284, Low: 0.179, High: 0.392}, TreatedMeanCents: 318600,
		ControlMeanCents: 248100, ComputedAt: time.Now().Add(-5 * time.Hour)}}}
}

// seedAssets writes yesterday's snapshot: members of each store by class
// and stage.
func seedAssets(t *testing.T, d *db.DB, corpID int64, stores map[string]int64, rnd *rand.Rand) {
	stage := map[string]string{app.RFMValue: app.StageMature, app.RFMRecall: app.StageDormant, app.RFMDeepen: app.StageGrowth,
		app.RFMRetain: app.StageDormant, app.RFMPotential: app.StageGrowth, app.RFMNew: app.StageIntro, app.RFMMaintain: app.StageMature,
		app.RFMLost: app.StageChurned}
	for _, code := range []string{"XH", "JA", "PD"} {
		for class, st := range stage {
			testkit.InsertAssets(t, d, corpID, app.AssetCount{Day: dayBefore(1), StoreID: stores[code], Class: class, Stage: st,
				Members: int64(20 + rnd.IntN(160))})
		}
	}
}

// seedReferrals writes two campaigns with participants and helps, as
// app/referral keeps them.
func seedReferrals(t *testing.T, d *db.DB, corpID int64, stores map[string]int64) {
	now := time.Now().UTC()
	for c, name := range []string{"老带新送咖啡", "周年庆邀请有礼"} {
		res, err := d.SQL().Exec(`INSERT INTO referral_campaigns (corp_id, name, kind, status, starts_at, ends_at, state, chat_ids, tiers, rules, created_at, updated_at)
			VALUES (?, ?, 'friend', 'active', ?, ?, ?, '[]', '[]', '{}', ?, ?)`, corpID, name, now.AddDate(0, 0, -20), now.AddDate(0, 0, 10), fmt.Sprint("rf", c), now, now)
		require.NoError(t, err)
		id, err := res.LastInsertId()
		require.NoError(t, err)
		for p := range 12 + 10*c {
			_, err := d.SQL().Exec(`INSERT INTO referral_participants (corp_id, campaign_id, unionid, scene, visits, invitees, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, corpID, id, fmt.Sprintf("u%d-%d", c, p), fmt.Sprintf("s%d-%d", c, p), 6+p%7, 2+p%4, now, now)
			require.NoError(t, err)
		}
		for h := range 18 + 9*c {
			status := []string{app.HelpCredited, app.HelpCredited, app.HelpHeld, app.HelpVoided}[h%4]
			_, err := d.SQL().Exec(`INSERT INTO referral_helps (corp_id, campaign_id, participant_id, invitee_unionid, external_userid, store_id, arrived_at, status, updated_at)
				VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)`, corpID, id, fmt.Sprintf("i%d-%d", c, h), fmt.Sprintf("wm%d-%d", c, h),
				stores[[]string{"XH", "JA", "PD"}[h%3]], now, status, now)
			require.NoError(t, err)
		}
	}
}
