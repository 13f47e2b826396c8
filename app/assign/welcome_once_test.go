package assign_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	harness "github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Twenty runners onboard the same 1,000 adds (300 under CI) at once, in waves as they
// arrive (the same add queued under several task ids), and some adds were
// claimed by a runner that then died before sending: every add inside WeCom's window is greeted
// exactly once — a dead runner's lease runs out and the next one sends —
// and one whose window has passed is recorded expired, with nothing sent.
// Counted in the sandbox's own log of welcome messages.
func TestWelcomeOnceUnderConcurrentRunners(t *testing.T) {
	for _, c := range []struct{ name, driver, redis string }{
		{"MariaDB", config.DriverMySQL, config.RedisStandalone},
		{"Embedded", config.DriverSQLite, config.RedisEmbedded},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := harness.Start(t, sb, harness.Options{Driver: c.driver, RedisMode: c.redis, DirectoryOnly: true,
				DefaultWelcome: defaultWelcome, WelcomeLease: 500 * time.Millisecond})
			s := &stack{db: h.DB, redis: h.Redis, corp: h.Corp, sc: h.SC, assign: h.Assign, h: h}
			s.newChain(t)
			adds := greetRunsOnce(t, s, testkit.ScaleSize(1000, 300))
			sent := map[string]int{}
			for _, w := range s.sc.WelcomeMessages() {
				sent[w.WelcomeCode]++
			}
			inWindow := 0
			for i := range adds {
				if !expired(i) {
					inWindow++
				}
			}
			assert.Len(t, s.sc.CallsTo("externalcontact/send_welcome_msg"), inWindow,
				"one call per add inside its window: no runner called WeCom for an add another held")
			for i, a := range adds {
				status := welcomeStatus(t, s, a.EventKey)
				if expired(i) {
					assert.Equal(t, 0, sent[a.WelcomeCode], "add %d: its window had passed", i)
					assert.Equal(t, app.WelcomeExpired, status, "add %d", i)
					continue
				}
				assert.Equal(t, 1, sent[a.WelcomeCode], "add %d greeted exactly once", i)
				assert.Equal(t, app.WelcomeSent, status, "add %d", i)
			}
		})
	}
}

// crashed picks the adds a runner claimed and then died; expired those
// received longer ago than WeCom's 20 seconds (every other one of them
// claimed by a dead runner too).
func crashed(i int) bool { return i%20 == 0 }
func expired(i int) bool { return i%50 == 0 }

// waveSize is how many adds arrive together. Every runner goes through all
// of a wave, so a wave must be done well inside WeCom's 20 s window even
// on a slow machine under the race detector, or an add inside its window
// when it arrived would rightly expire before a runner reached it.
const waveSize = 25

// greetRunsOnce has n customers add guide S1g1, then runs 20 runners at
// once over each wave of them, some of its adds just claimed by a runner
// that died.
func greetRunsOnce(t *testing.T, s *stack, n int) []app.CustomerAdd {
	ctx := context.Background()
	adds := make([]app.CustomerAdd, n)
	for i := range adds {
		added, err := s.sc.CustomerAdds(sandbox.Add{UserID: "S1g1"})
		require.NoError(t, err)
		adds[i] = app.CustomerAdd{CorpID: s.corp.ID, UserID: "S1g1", ExternalUserID: added.ExternalUserID, WelcomeCode: added.WelcomeCode,
			EventKey: fmt.Sprintf("welcome-once:%d", i), At: s.sc.Now()}
	}
	s.h.Settle(t, 2*time.Minute) // the mirror has applied the adds' callbacks: the runners have the machine
	start, slowest := time.Now(), time.Duration(0)
	for w := 0; w < n; w += waveSize {
		wave, began := adds[w:min(w+waveSize, n)], time.Now()
		now := time.Now().UTC()
		for i, a := range wave {
			wave[i].ReceivedAt = now
			if expired(w + i) {
				wave[i].ReceivedAt = now.Add(-30 * time.Second)
			}
			if crashed(w + i) { // claimed just now by a runner that then died: its lease is still live
				dead := &app.WelcomeSend{CorpID: s.corp.ID, EventKey: a.EventKey, UserID: "S1g1", ExternalUserID: a.ExternalUserID,
					Status: app.WelcomeSending}
				_, claimed, err := db.NewWelcomeStore(s.db).ClaimWelcome(ctx, dead, now, 500*time.Millisecond)
				require.NoError(t, err)
				require.True(t, claimed)
			}
		}
		var wg sync.WaitGroup
		for r := range 20 {
			wg.Go(func() { runAll(t, s, wave, rand.New(rand.NewPCG(uint64(w+r), 7))) })
		}
		wg.Wait()
		slowest = max(slowest, time.Since(began))
	}
	t.Logf("20 runners over %d adds took %s; the slowest wave of %d took %s (WeCom's window is 20 s)",
		n, time.Since(start), waveSize, slowest)
	return adds
}

// runAll onboards every add in a random order, coming back to those held
// by another runner until each is done.
func runAll(t *testing.T, s *stack, adds []app.CustomerAdd, rng *rand.Rand) {
	todo := rng.Perm(len(adds))
	deadline := time.Now().Add(2 * time.Minute)
	for len(todo) > 0 && time.Now().Before(deadline) {
		var again []int
		for _, i := range todo {
			_, err := s.assign.OnboardAdd(context.Background(), adds[i])
			switch {
			case err == nil:
			case app.ErrorCode(err) == app.EUNAVAILABLE:
				again = append(again, i)
			default:
				t.Errorf("add %d: %v", i, err)
			}
		}
		if todo = again; len(todo) > 0 {
			time.Sleep(50 * time.Millisecond)
		}
	}
	assert.Empty(t, todo, "every add was onboarded")
}

func welcomeStatus(t *testing.T, s *stack, key string) string {
	var status string
	require.NoError(t, s.db.SQL().QueryRow("SELECT status FROM welcome_sends WHERE corp_id = ? AND event_key = ?", s.corp.ID, key).Scan(&status))
	return status
}
