package sandbox_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// A corp whose clock was moved a day ahead still signs each attempt with
// the wall-clock time it is made, as WeCom does, so a receiver checking
// timestamps against its own clock accepts it; the event keeps the
// corp's time in CreateTime.
func TestDeliverySignsWithTheTimeOfDelivery(t *testing.T) {
	c := guideCorp(t, func(cfg *sandbox.CorpConfig) {
		cfg.Delivery = &sandbox.DeliveryOptions{Timeout: time.Second, RetryDelay: 1100 * time.Millisecond, Retries: 1}
	})
	rc := newReceiver(t, c, func(n int) (int, bool) { return map[bool]int{true: 401, false: 200}[n == 0], false })
	c.Advance(24 * time.Hour)
	before := time.Now()
	_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
	require.NoError(t, err)
	waitAll(t, c)

	got := rc.all()
	require.Len(t, got, 2, "refused once, then delivered")
	d := c.Deliveries()[0]
	require.Len(t, d.Attempts, 2)
	for i, r := range got {
		assert.True(t, r.Verified)
		assert.Equal(t, strconv.FormatInt(d.Attempts[i].At.Unix(), 10), r.Timestamp, "attempt %d signs its own time", i)
		assert.WithinDuration(t, time.Now(), d.Attempts[i].At, 5*time.Second, "wall-clock time, not the corp's")
		assert.False(t, d.Attempts[i].At.Before(before.Truncate(time.Second)))
	}
	assert.NotEqual(t, got[0].Timestamp, got[1].Timestamp, "a retry is signed anew")
	created, err := strconv.ParseInt(between(got[0].XML, "<CreateTime>", "</CreateTime>"), 10, 64)
	require.NoError(t, err)
	assert.WithinDuration(t, c.Now(), time.Unix(created, 0), 5*time.Second, "CreateTime is the corp's (advanced) time")
	assert.Equal(t, http.StatusUnauthorized, d.Attempts[0].StatusCode)
}

// The start of a refusing receiver's answer is kept with the attempt, so
// whoever fired the action can see why.
func TestDeliveryKeepsTheRefusal(t *testing.T) {
	c := guideCorp(t, func(cfg *sandbox.CorpConfig) {
		cfg.Delivery = &sandbox.DeliveryOptions{Timeout: time.Second, Retries: -1}
	})
	long := `{"error":{"code":"unauthorized","message":"请求时间戳超出允许范围"}}` + string(make([]byte, 4096))
	srv := newAnswering(t, http.StatusUnauthorized, long)
	c.SetCallbackURL(srv)
	_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
	require.NoError(t, err)
	waitAll(t, c)

	d := c.Deliveries()[0]
	assert.Equal(t, sandbox.DeliveryFailed, d.State)
	require.Len(t, d.Attempts, 1)
	assert.Equal(t, http.StatusUnauthorized, d.Attempts[0].StatusCode)
	assert.Equal(t, long[:1024], d.Attempts[0].Answer, "the first KiB of the answer")
}
