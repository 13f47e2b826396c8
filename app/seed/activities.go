package seed

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Shares of the activities.
const (
	sendEvery      = 15   // days between mass sends
	holdoutPercent = 10   // of each send's audience
	confirmShare   = 0.8  // chunks the guide confirmed
	sopChats       = 2    // groups a guide owns under the weekly SOP
	joinFireShare  = 0.15 // guide-days with an after-join SOP step
	helpHoldHours  = 48
)

// planSends writes a mass send every sendEvery days, from the eighth day.
func (w *world) planSends(e *emit, next int64) {
	var days []int
	for d := 7; d <= w.o.Days-2; d += sendEvery {
		days = append(days, d)
	}
	if len(days) == 0 {
		days = []int{w.o.Days / 2}
	}
	for k, d := range days {
		s := send{id: next + int64(k), at: w.day(d).Add(10 * time.Hour), targeted: new(atomic.Int64), excluded: new(atomic.Int64), holdout: new(atomic.Int64)}
		done := s.at.Add(72 * time.Hour)
		if !done.Before(w.w1) {
			done = w.w1.Add(-time.Second)
		}
		e.row(tSends, s.id, w.corp, fmt.Sprintf("种子群发-%d-%d", w.o.Seed, k+1), app.ChatSingle, app.AudienceSegment, "新品上市，到店有礼",
			s.at, holdoutPercent, app.MassSendDone, "seed", 0, 0, 0, 0, s.at.Add(-time.Hour), done, s.at.Add(-24*time.Hour), done, "null", "null", "{}")
		w.sends = append(w.sends, s)
	}
}

// tallySends writes each send's counts of recipients (planned, excluded
// and held out) and of chunks (one per guide), once every customer is
// written.
func (w *world) tallySends(ctx context.Context, st app.SeedStore) error {
	chunks := int64(len(w.org.guides) + 1) // and hq's
	for _, s := range w.sends {
		set := map[string]any{"targeted": s.targeted.Load(), "excluded": s.excluded.Load(), "holdout": s.holdout.Load(), "chunks": chunks}
		if err := st.Update(ctx, w.corp, tSends.name, s.id, set); err != nil {
			return fmt.Errorf("seed: %s counts: %w", tSends.name, err)
		}
	}
	return nil
}

// confirmed reports whether guide g confirmed send s's task.
func (w *world) confirmed(s, g int) bool {
	return chance(w.rng(streamSend+uint64(s)<<24+uint64(g)), confirmShare)
}

// planSOPs writes a weekly SOP and an after-join SOP.
func (w *world) planSOPs(e *emit, next int64) {
	steps := []string{`[{"id":1,"kind":"weekly","weekday":1,"at":"10:00","content":"本周新品"}]`,
		`[{"id":1,"kind":"after_join","days":1,"at":"10:00","content":"欢迎入群"}]`}
	for k, name := range []string{"种子周例SOP", "种子入群SOP"} {
		id := next + int64(k)
		e.row(tSOPs, id, w.corp, fmt.Sprintf("%s-%d", name, w.o.Seed), app.GroupSOPActive, "{}", steps[k], 2, app.DefaultGroupCatchUpHours,
			"seed", w.w0.AddDate(0, 0, -7), w.w0.AddDate(0, 0, -7))
		w.sops = append(w.sops, id)
	}
}

// planCampaigns writes three referral campaigns, one after the other
// over the window, each with its channel.
func (w *world) planCampaigns(e *emit, next, nextChannel int64) {
	span := w.w1.Sub(w.w0) / 3
	for k := range 3 {
		c := campaign{id: next + int64(k), channel: channel{id: nextChannel + int64(k), state: fmt.Sprintf("sdref%d-%d", w.o.Seed, k+1)}}
		c.from, c.to = w.w0.Add(span*time.Duration(k)), w.w0.Add(span*time.Duration(k+1))
		e.row(tChannels, c.channel.id, w.corp, c.channel.state, fmt.Sprintf("裂变活动%d 渠道", k+1), app.ChannelCampaign, nil,
			"cfg"+c.channel.state, "{}", "[]", app.ChannelActive, c.from, c.from)
		status := app.ReferralEnded
		if k == 2 {
			status = app.ReferralActive
		}
		e.row(tCampaigns, c.id, w.corp, fmt.Sprintf("种子裂变-%d-%d", w.o.Seed, k+1), app.ReferralFriend, status, "好友助力领好礼",
			c.from, c.to, c.channel.id, c.channel.state, "[]", "[]", helpHoldHours, "{}", "seed", c.from, c.from)
		w.camps = append(w.camps, c)
	}
}

// count tallies a recipient of s excluded for the reason given ("": planned).
func (s send) count(excluded string) {
	switch excluded {
	case "":
		s.targeted.Add(1)
	case app.ExcludeHoldout:
		s.holdout.Add(1)
		s.excluded.Add(1)
	default:
		s.excluded.Add(1)
	}
}
