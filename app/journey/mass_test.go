package journey_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/journey"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestJourneyMassSend runs a journey's single-customer mass-send step
// through the wired mass-send capability against the sandbox: the day
// after a customer adds guide g1 (their owner), at 09:00, two ticks at
// once and a third after make exactly one WeCom group-message task, from
// g1, to that customer alone, and one done fire.
func TestJourneyMassSend(t *testing.T) {
	for _, o := range []stack.Options{{Driver: config.DriverSQLite, RedisMode: config.RedisEmbedded},
		{Driver: config.DriverMySQL, RedisMode: config.RedisStandalone}} {
		t.Run(o.Driver, func(t *testing.T) { journeyMassSend(t, stack.Start(t, sb, o)) })
	}
}

func journeyMassSend(t *testing.T, s *stack.Stack) {
	ctx := app.WithActor(context.Background(), "user:1")
	st := app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "一号店"}
	require.NoError(t, s.Org.CreateStore(ctx, &st))
	require.NoError(t, s.Org.CreateGuide(ctx, &app.Guide{CorpID: s.Corp.ID, UserID: "g1", StoreCode: "S1"}))
	require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: "g1", Name: "导购一", ContactEnabled: true}))
	a, err := s.SC.CustomerAdds(sandbox.Add{UserID: "g1"})
	require.NoError(t, err)
	s.Settle(t, 30*time.Second)

	loc, _ := time.LoadLocation("Asia/Shanghai")
	added := s.SC.Now().In(loc)
	clock := added
	svc := journey.New(journey.Deps{Store: s.Stores.Journeys, Tasks: s.Todo, Zones: s.Stores.Corps, Clients: wecom.As[journey.WeCom](s.Clients),
		Tags: s.Dir, Mass: s.MassSends, Now: func() time.Time { return clock }})
	j, err := svc.Create(ctx, s.Corp.ID, "user:1", app.Journey{Name: "新客问候", Trigger: app.JourneyTrigger{Kind: app.TriggerAdded},
		Reentry: app.ReentryOnce, Steps: []app.JourneyStep{{Days: 1, At: "09:00", Action: app.ActionMassSend, Content: "欢迎来到一号店"}}})
	require.NoError(t, err, "a mass-send step is accepted once the capability is wired")
	clock = time.Date(added.Year(), added.Month(), added.Day()+1, 9, 0, 30, 0, loc)
	var g errgroup.Group
	for range 2 {
		g.Go(func() error { return svc.Tick(ctx, s.Corp.ID) })
	}
	require.NoError(t, g.Wait())
	clock = clock.Add(10 * time.Minute)
	require.NoError(t, svc.Tick(ctx, s.Corp.ID))
	require.NoError(t, s.MassSends.FollowAll(ctx))
	require.NoError(t, s.MassSends.FollowAll(ctx))
	// The send was also queued when made: its worker may hold a chunk's
	// claim while these passes run, so wait for the queue before reading.
	s.Settle(t, 30*time.Second)

	var got [][]string
	for _, m := range s.SC.MassSends() {
		if m.Text == "欢迎来到一号店" {
			row := []string{m.ChatType, m.Tasks[0].UserID}
			for _, r := range m.Results {
				row = append(row, r.ExternalUserID)
			}
			got = append(got, row)
		}
	}
	fs, _, err := svc.Fires(ctx, s.Corp.ID, j.ID, "", app.Page{})
	require.NoError(t, err)
	require.Len(t, fs, 1)
	assert.Equal(t, app.FireDone, fs[0].Status, fs[0].Result)
	assert.Equal(t, [][]string{{"single", "g1", a.ExternalUserID}}, got, "one WeCom task for the customer, from the owner guide")
	list, _, err := s.MassSends.List(ctx, s.Corp.ID, app.MassSendFilter{Page: app.Page{Limit: 10}})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "新客问候 · 单客群发", list[0].Name)
}
