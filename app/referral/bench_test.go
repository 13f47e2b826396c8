package referral_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// BenchmarkHelpCredit measures, on MariaDB + Redis, a burst of 5,000
// helps paced over one minute: from the invitee's add through the
// campaign's contact way (the sandbox delivering add_external_contact) to
// the help credited (hold 0): callback, inbox, the mirror, the customer
// read for their unionid, the observation, the judgement under the
// inviter's lock. 500 participants invite ten friends each, every friend
// having scanned first. "ceiling" is a bare Gin handler answering as many
// requests at the same pace in the same run. Under CI: 500 helps in six
// seconds.
func BenchmarkHelpCredit(b *testing.B) {
	n, over := 5000, time.Minute
	if os.Getenv("CI") != "" {
		n, over = 500, 6*time.Second
	}
	b.Run("ceiling", func(b *testing.B) {
		for b.Loop() {
			testkit.ReportLatencies(b, testkit.PaceGin(b, n, over), "requests")
		}
	})
	b.Run("siyu", func(b *testing.B) {
		for b.Loop() {
			testkit.ReportLatencies(b, paceHelps(b, n, over), "helps")
		}
	})
}

// paceHelps fires n arrivals of invitees who scanned evenly over d and
// returns each one's latency to its credited help.
func paceHelps(b *testing.B, n int, d time.Duration) []time.Duration {
	w := newWorld(b, config.DriverMySQL, config.RedisStandalone, 0)
	w.s.SC.Clock().Set(time.Now()) // credited_at and the sandbox's event times on one clock
	w.s.Referrals.Clock = time.Now
	c := w.campaign(b, func(c *app.ReferralCampaign) { c.HoldHours = 0 })
	inviters := max(n/10, 1)
	scenes := make([]string, inviters)
	for i := range inviters {
		p, _, err := w.s.Referrals.Join(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: participantUnion(i)}, c.ID)
		require.NoError(b, err)
		scenes[i] = p.Scene
	}
	for i := range n {
		_, _, err := w.s.Referrals.Scan(w.ctx, referral.Consumer{CorpID: c.CorpID, UnionID: fmt.Sprintf("ui%06d", i)}, scenes[i%inviters])
		require.NoError(b, err)
	}
	started := make(map[string]time.Time, n)
	tick := time.NewTicker(d / time.Duration(n))
	defer tick.Stop()
	for i := range n {
		<-tick.C
		t0 := time.Now()
		a, err := w.s.SC.CustomerAdds(sandbox.Add{UserID: []string{"g1", "g2"}[i%2], ConfigID: w.channel.ConfigID,
			Customer: sandbox.Customer{Name: "好友", Type: 1, UnionID: fmt.Sprintf("ui%06d", i)}})
		require.NoError(b, err)
		started[a.ExternalUserID] = t0
	}
	w.s.Settle(b, 5*time.Minute)
	return creditLatencies(b, w, c, started)
}

func creditLatencies(b *testing.B, w *world, c *app.ReferralCampaign, started map[string]time.Time) []time.Duration {
	rows, err := w.s.DB.SQL().Query("SELECT external_userid, credited_at FROM referral_helps WHERE campaign_id = ? AND status = ?", c.ID, app.HelpCredited)
	require.NoError(b, err)
	defer rows.Close()
	var out []time.Duration
	for rows.Next() {
		var ext string
		var at time.Time
		require.NoError(b, rows.Scan(&ext, &at))
		out = append(out, at.Sub(started[ext]))
	}
	require.NoError(b, rows.Err())
	require.Len(b, out, len(started), "every help was credited")
	return out
}
