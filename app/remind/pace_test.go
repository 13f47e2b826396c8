package remind_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// The pace and WeCom count the same windows: paced at exactly WeCom's 30
// a minute and 1,000 an hour, a sender trying every two seconds for 70
// minutes fills both windows to the brim and WeCom (the sandbox) drops
// nothing. Siyu itself paces further under them (25 and 900).
func TestPaceMeetsWeComLimits(t *testing.T) {
	eachBackend(t, func(t *testing.T, w *world) {
		ctx := context.Background()
		require.NoError(t, w.s.SC.AddMember(sandbox.Member{UserID: "p1", Name: "p1"}))
		client, err := w.s.Clients.AppClient(ctx, w.s.Corp.ID)
		require.NoError(t, err)
		pace := kv.NewPace(w.s.Redis, sandbox.AppMsgPerMinute, sandbox.AppMsgPerHour)
		sent := 0
		for i := range 70 * 30 {
			ok, err := pace.Take(ctx, w.s.Corp.ID, "p1", w.s.SC.Now())
			require.NoError(t, err)
			if ok {
				_, err = client.SendAppMessage(ctx, wecom.AppMessage{ToUsers: []string{"p1"}, Text: "第" + strconv.Itoa(i) + "次"})
				require.NoError(t, err)
				sent++
			}
			w.s.SC.Advance(2 * time.Second)
		}
		got := delivered(t, w.s.SC)
		assert.Equal(t, sent, got["p1"])
		msgs := w.s.SC.AppMessages()
		assert.Equal(t, sandbox.AppMsgPerMinute, maxInWindow(msgs, time.Minute))
		assert.Equal(t, sandbox.AppMsgPerHour, maxInWindow(msgs, time.Hour))
	})
}
