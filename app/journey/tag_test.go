package journey_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/journey"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestJourneyTags runs a journey's tag steps against the sandbox through
// the whole pipeline: a customer adds guide g1 of store 一号店 (assignment makes g1 the
// owner); the next day at 09:00 the journey marks a corp tag on the
// relation (WeCom holds it, and so does Siyu's mirror), at 09:01 removes
// it; a further tick calls WeCom no more.
func TestJourneyTags(t *testing.T) {
	for _, o := range []stack.Options{{Driver: config.DriverSQLite, RedisMode: config.RedisEmbedded},
		{Driver: config.DriverMySQL, RedisMode: config.RedisStandalone}} {
		t.Run(o.Driver, func(t *testing.T) { journeyTags(t, stack.Start(t, sb, o)) })
	}
}

func journeyTags(t *testing.T, s *stack.Stack) {
	ctx := app.WithActor(context.Background(), "user:1")
	st := app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "一号店"}
	require.NoError(t, s.Org.CreateStore(ctx, &st))
	require.NoError(t, s.Org.CreateGuide(ctx, &app.Guide{CorpID: s.Corp.ID, UserID: "g1", StoreCode: "S1"}))
	require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: "g1", Name: "导购一", ContactEnabled: true}))
	tg, err := s.SC.ConsoleCreateTagGroup("旅程", 1, sandbox.TagSpec{Name: "新客"})
	require.NoError(t, err)
	tag := tg.Tags[0].ID
	a, err := s.SC.CustomerAdds(sandbox.Add{UserID: "g1"})
	require.NoError(t, err)
	s.Settle(t, 30*time.Second)

	loc, _ := time.LoadLocation("Asia/Shanghai")
	added := s.SC.Now().In(loc)
	clock := added
	svc := journey.New(journey.Deps{Store: s.Stores.Journeys, Tasks: s.Todo, Zones: s.Stores.Corps, Clients: wecom.As[journey.WeCom](s.Clients),
		Tags: s.Dir, Now: func() time.Time { return clock }})
	j, err := svc.Create(ctx, s.Corp.ID, "user:1", app.Journey{Name: "新客标签", Trigger: app.JourneyTrigger{Kind: app.TriggerAdded},
		Reentry: app.ReentryOnce, Steps: []app.JourneyStep{{Days: 1, At: "09:00", Action: app.ActionTagAdd, TagID: tag},
			{Days: 1, At: "09:01", Action: app.ActionTagRemove, TagID: tag}}})
	require.NoError(t, err)
	next := time.Date(added.Year(), added.Month(), added.Day()+1, 9, 0, 30, 0, loc)
	tagged := func() bool {
		f, ok := s.SC.Follow("g1", a.ExternalUserID)
		require.True(t, ok)
		return slices.Contains(f.TagIDs, tag)
	}

	clock = next
	require.NoError(t, svc.Tick(ctx, s.Corp.ID))
	assert.True(t, tagged(), "marked in WeCom at 09:00")
	var mirrored int64
	require.NoError(t, s.DB.SQL().QueryRow("SELECT COUNT(*) FROM follow_tags WHERE corp_id = ? AND external_userid = ? AND tag_id = ?",
		s.Corp.ID, a.ExternalUserID, tag).Scan(&mirrored))
	assert.EqualValues(t, 1, mirrored, "and in Siyu's mirror at once")

	clock = next.Add(time.Minute)
	require.NoError(t, svc.Tick(ctx, s.Corp.ID))
	assert.False(t, tagged(), "removed at 09:01")
	clock = next.Add(10 * time.Minute)
	require.NoError(t, svc.Tick(ctx, s.Corp.ID))
	assert.Len(t, s.SC.CallsTo("externalcontact/mark_tag"), 2, "each step once")
	fs, _, err := svc.Fires(ctx, s.Corp.ID, j.ID, app.FireDone, app.Page{})
	require.NoError(t, err)
	assert.Len(t, fs, 2)
}
