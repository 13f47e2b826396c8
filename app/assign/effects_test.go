package assign_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	harness "github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// startInOrder is a stack whose sandbox delivers callbacks one at a time,
// in the order released, so a test can make a deletion arrive first.
func startInOrder(t *testing.T) *stack {
	h := harness.Start(t, sb, harness.Options{Driver: config.DriverMySQL, RedisMode: config.RedisStandalone, DefaultWelcome: defaultWelcome,
		Delivery: &sandbox.DeliveryOptions{Workers: 1, RetryDelay: 20 * time.Millisecond}})
	return &stack{db: h.DB, redis: h.Redis, corp: h.Corp, sc: h.SC, assign: h.Assign, h: h}
}

// An add that arrives after a deletion of the same relation 30 seconds
// later (WeCom retried it late) has no effect at all: the relation stays
// deleted, no owner is decided, no welcome is claimed, and nothing is
// sent to WeCom.
func TestLateAddOlderThanADeletionHasNoEffect(t *testing.T) {
	s := startInOrder(t)
	s.newChain(t)
	s.sc.HoldDeliveries()
	added, err := s.sc.CustomerAdds(sandbox.Add{UserID: "S1g1"})
	require.NoError(t, err)
	require.NotEmpty(t, added.WelcomeCode)
	s.sc.Advance(30 * time.Second)
	require.NoError(t, s.sc.CustomerDeletesMember("S1g1", added.ExternalUserID))
	s.sc.ReleaseNewest() // the deletion is applied before the add arrives
	s.settle(t, time.Minute)
	s.sc.ReleaseDeliveries(sandbox.InOrder)
	s.settle(t, time.Minute)

	f, err := db.NewDirectoryStore(s.db).FindFollow(context.Background(), s.corp.ID, "S1g1", added.ExternalUserID)
	require.NoError(t, err)
	assert.NotNil(t, f.DeletedAt, "the relation stays deleted")
	hist, err := s.assign.History(context.Background(), s.corp.ID, added.ExternalUserID)
	require.NoError(t, err)
	assert.Empty(t, hist, "no owner was decided")
	var welcomes int
	require.NoError(t, s.db.SQL().QueryRow("SELECT COUNT(*) FROM welcome_sends WHERE corp_id = ?", s.corp.ID).Scan(&welcomes))
	assert.Zero(t, welcomes, "no welcome was claimed")
	assert.Empty(t, s.sc.CallsTo("externalcontact/send_welcome_msg"), "nothing was sent")
	assert.Empty(t, s.sc.CallsTo("externalcontact/mark_tag"), "nothing was marked")
}

// A customer adding through a channel with tags has them on the relation
// in Siyu's mirror as soon as the add is onboarded, without a read of the
// customer to learn them: the tags WeCom accepted are recorded.
func TestChannelTagsReachTheMirrorAtOnce(t *testing.T) {
	s := startInOrder(t)
	c := s.newChain(t)
	group, err := s.sc.ConsoleCreateTagGroup("来源", 1, sandbox.TagSpec{Name: "门店扫码"}, sandbox.TagSpec{Name: "新客"})
	require.NoError(t, err)
	tagIDs := []string{group.Tags[0].ID, group.Tags[1].ID}
	s.settle(t, time.Minute) // the tag library's change reaches the mirror
	c.addChannel(t, s, app.Channel{State: "tg1", Kind: app.ChannelGuide, Members: members(nil, "S1g1")})
	_, err = s.db.SQL().Exec("UPDATE channels SET tag_ids = ? WHERE corp_id = ? AND state = 'tg1'", `["`+tagIDs[0]+`","`+tagIDs[1]+`"]`, s.corp.ID)
	require.NoError(t, err)

	added, err := s.sc.CustomerAdds(sandbox.Add{UserID: "S1g1", State: "tg1"})
	require.NoError(t, err)
	s.settle(t, time.Minute)

	fs, _, err := db.NewDirectoryStore(s.db).ListFollows(context.Background(), s.corp.ID, app.FollowFilter{ExternalUserID: added.ExternalUserID})
	require.NoError(t, err)
	require.Len(t, fs, 1)
	assert.ElementsMatch(t, tagIDs, fs[0].TagIDs, "the channel's tags are in the mirror")
	assert.LessOrEqual(t, len(s.sc.CallsTo("externalcontact/get")), 1, "no read beyond the add's own")
}

// A guide greets by their name in Siyu, else by the name WeCom shows for
// the member (read by the directory's sync), and never by their userid
// when neither is known.
func TestWelcomeNamesTheGuideNeverTheUserID(t *testing.T) {
	s := startInOrder(t)
	c := s.newChain(t)
	named := *c.byUser["S1g2"]
	named.Name = "王芳"
	require.NoError(t, db.NewOrgStore(s.db).UpdateGuide(context.Background(), &named))
	require.NoError(t, s.sc.AddMember(sandbox.Member{UserID: "S1g3", Name: "李娜", ContactEnabled: true}))
	require.NoError(t, s.sc.AddMember(sandbox.Member{UserID: "S1g1", ContactEnabled: true})) // WeCom tells no name
	fullSync(t, s)
	for _, u := range []string{"S1g1", "S1g2", "S1g3"} {
		_, err := s.sc.CustomerAdds(sandbox.Add{UserID: u})
		require.NoError(t, err)
	}
	s.settle(t, time.Minute)
	texts := map[string]string{}
	for _, w := range s.sc.WelcomeMessages() {
		texts[w.UserID] = w.Text
	}
	assert.Equal(t, "您好，我是您的专属顾问", texts["S1g1"], "a guide without a name")
	assert.Equal(t, "您好，我是王芳", texts["S1g2"])
	assert.Equal(t, "您好，我是李娜", texts["S1g3"], "a guide unnamed in Siyu, by WeCom's name")
}

// fullSync runs a full directory sync of the stack's corp to its end.
func fullSync(t *testing.T, s *stack) {
	ctx := context.Background()
	run, _, err := s.h.Dir.StartSync(ctx, s.corp.ID)
	require.NoError(t, err)
	for done := false; !done; {
		_, done, err = s.h.Dir.SyncStep(ctx, run.ID)
		require.NoError(t, err)
	}
}
