package assign_test

import (
	"database/sql"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// BenchmarkAddToWelcome measures, on MariaDB + Redis, the time from a
// customer's add (the sandbox delivering add_external_contact) to Siyu
// having sent the welcome message (WeCom accepted send_welcome_msg), for a
// burst of 5,000 adds paced over one minute through store channels and no
// channel: callback, inbox, event task, owner decision under the corp
// lock, welcome. "ceiling" is a bare Gin handler answering the same number
// of requests at the same pace in the same run. Under CI the burst is
// 500 adds in six seconds, so the benchmark runs without taking minutes.
func BenchmarkAddToWelcome(b *testing.B) {
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
			testkit.ReportLatencies(b, paceAdds(b, n, over), "adds")
		}
	})
}

// paceAdds fires n adds evenly over d and returns each add's latency to
// its recorded welcome.
func paceAdds(b *testing.B, n int, d time.Duration) []time.Duration {
	s := startStack(b, config.DriverMySQL, config.RedisStandalone)
	c := s.newChain(b)
	c.standardChannels(b, s)
	s.sc.Clock().Set(time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)) // Monday 10:00 in Shanghai: shifts on
	states := []string{"st1", "st2", "st3", ""}
	started := make(map[string]time.Time, n)
	tick := time.NewTicker(d / time.Duration(n))
	defer tick.Stop()
	for i := range n {
		<-tick.C
		state := states[i%len(states)]
		user := c.guides[i%15].UserID
		if ch := c.channels[state]; ch != nil {
			user = ch.Members[i%len(ch.Members)].UserID
		}
		t0 := time.Now()
		added, err := s.sc.CustomerAdds(sandbox.Add{UserID: user, Customer: sandbox.Customer{Name: "客户"}, State: state})
		require.NoError(b, err)
		started[added.ExternalUserID] = t0
	}
	s.settle(b, 5*time.Minute)
	return welcomeLatencies(b, s, started)
}

// welcomeLatencies are the latencies of the adds welcomed. Every add must
// have its welcome recorded: sent, or expired when the machine fell so far
// behind (the one-pass run beside the whole suite) that the 20-second code
// lapsed first; how many did is reported beside the latencies.
func welcomeLatencies(b *testing.B, s *stack, started map[string]time.Time) []time.Duration {
	rows, err := s.db.SQL().Query("SELECT external_userid, status, sent_at FROM welcome_sends WHERE corp_id = ? AND status IN (?, ?)",
		s.corp.ID, app.WelcomeSent, app.WelcomeExpired)
	require.NoError(b, err)
	defer rows.Close()
	var out []time.Duration
	expired := 0
	for rows.Next() {
		var ext, status string
		var at sql.NullTime
		require.NoError(b, rows.Scan(&ext, &status, &at))
		if status == app.WelcomeExpired {
			expired++
			continue
		}
		out = append(out, at.Time.Sub(started[ext]))
	}
	require.NoError(b, rows.Err())
	require.Equal(b, len(started), len(out)+expired, "every add was welcomed, or its code lapsed first")
	b.ReportMetric(float64(expired), "expired")
	return out
}
