package sandbox_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// guideCorp is a corp with one guide who has 客户联系.
func guideCorp(t *testing.T, edit ...func(*sandbox.CorpConfig)) *sandbox.Corp {
	t.Helper()
	c := newCorp(t, edit...)
	require.NoError(t, c.AddMember(sandbox.Member{UserID: "zhangsan", Name: "张三", Departments: []int{1}, ContactEnabled: true}))
	return c
}

func waitAll(t *testing.T, c *sandbox.Corp) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	require.NoError(t, c.WaitDeliveries(ctx))
}

func TestDeliveryOfAddExternalContact(t *testing.T) {
	c := guideCorp(t)
	rc := newReceiver(t, c, nil)
	added, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan", State: "store01"})
	require.NoError(t, err)
	waitAll(t, c)

	got := rc.all()
	require.Len(t, got, 1)
	assert.True(t, got[0].Verified)
	want := fmt.Sprintf("<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"+
		"<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType>"+
		"<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>"+
		"<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[%s]]></ExternalUserID>"+
		"<State><![CDATA[store01]]></State><WelcomeCode><![CDATA[%s]]></WelcomeCode></xml>",
		c.ID(), c.Now().Unix(), added.ExternalUserID, added.WelcomeCode)
	assert.Equal(t, want, got[0].XML)
	d := c.Deliveries()
	require.Len(t, d, 1)
	assert.Equal(t, sandbox.DeliveryDelivered, d[0].State)
}

func TestDeliveryRetries(t *testing.T) {
	tests := []struct {
		name     string
		answer   func(n int) (int, bool)
		attempts int
		state    sandbox.DeliveryState
	}{
		{"OK after two 500s", func(n int) (int, bool) { return map[bool]int{true: 500, false: 200}[n < 2], false }, 3, sandbox.DeliveryDelivered},
		{"OK after a timeout", func(n int) (int, bool) { return 200, n == 0 }, 2, sandbox.DeliveryDelivered},
		{"Failed after four attempts", func(int) (int, bool) { return http.StatusServiceUnavailable, false }, 4, sandbox.DeliveryFailed},
		{"Non-200 success codes are failures", func(int) (int, bool) { return http.StatusNoContent, false }, 4, sandbox.DeliveryFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := guideCorp(t, func(cfg *sandbox.CorpConfig) {
				cfg.Delivery = &sandbox.DeliveryOptions{Timeout: 100 * time.Millisecond, RetryDelay: time.Millisecond}
			})
			rc := newReceiver(t, c, tt.answer)
			_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
			require.NoError(t, err)
			waitAll(t, c)

			got := rc.all()
			require.Len(t, got, tt.attempts)
			for i := range got {
				assert.True(t, got[i].Verified)
				assert.Equal(t, got[0].XML, got[i].XML, "every attempt carries the same event")
				if i > 0 {
					assert.NotEqual(t, got[i-1].Encrypt, got[i].Encrypt, "fresh random bytes each attempt")
				}
			}
			d := c.Deliveries()
			require.Len(t, d, 1)
			assert.Equal(t, tt.state, d[0].State)
			assert.Len(t, d[0].Attempts, tt.attempts)
		})
	}
}

func TestDeliveryTimeoutRecorded(t *testing.T) {
	c := guideCorp(t, func(cfg *sandbox.CorpConfig) {
		cfg.Delivery = &sandbox.DeliveryOptions{Timeout: 50 * time.Millisecond, RetryDelay: time.Millisecond, Retries: -1}
	})
	newReceiver(t, c, func(int) (int, bool) { return 200, true })
	_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
	require.NoError(t, err)
	waitAll(t, c)
	d := c.Deliveries()[0]
	assert.Equal(t, sandbox.DeliveryFailed, d.State)
	require.Len(t, d.Attempts, 1)
	assert.Zero(t, d.Attempts[0].StatusCode)
	assert.NotEmpty(t, d.Attempts[0].Err)
}

func TestDeliveryDuplicates(t *testing.T) {
	c := guideCorp(t)
	rc := newReceiver(t, c, nil)
	c.DuplicateNext(1, 3)
	_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
	require.NoError(t, err)
	_, err = c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
	require.NoError(t, err)
	waitAll(t, c)

	xmls := rc.xmls()
	require.Len(t, xmls, 4)
	assert.Equal(t, xmls[0], xmls[1])
	assert.Equal(t, xmls[0], xmls[2])
	assert.NotEqual(t, xmls[0], xmls[3])
	assert.Len(t, c.Events(), 2)
	dups := 0
	for _, d := range c.Deliveries() {
		if d.Duplicate {
			dups++
		}
	}
	assert.Equal(t, 2, dups)
}

func TestDeliveryDuplicateProbability(t *testing.T) {
	c := guideCorp(t, func(cfg *sandbox.CorpConfig) {
		cfg.Delivery = &sandbox.DeliveryOptions{DuplicateProbability: 1}
	})
	rc := newReceiver(t, c, nil)
	_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
	require.NoError(t, err)
	waitAll(t, c)
	require.Len(t, rc.xmls(), 2)
}

func TestDeliveryReorder(t *testing.T) {
	for _, tt := range []struct {
		name  string
		order sandbox.ReleaseOrder
		want  []string
	}{
		{"InOrder", sandbox.InOrder, []string{"a", "b", "c"}},
		{"Reversed", sandbox.Reversed, []string{"c", "b", "a"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := guideCorp(t)
			rc := newReceiver(t, c, nil)
			c.HoldDeliveries()
			for _, s := range []string{"a", "b", "c"} {
				_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan", State: s})
				require.NoError(t, err)
			}
			waitAll(t, c)
			require.Empty(t, rc.all(), "held deliveries are not sent")
			c.ReleaseDeliveries(tt.order)
			waitAll(t, c)
			var states []string
			for _, x := range rc.xmls() {
				states = append(states, between(x, "<State><![CDATA[", "]]>"))
			}
			assert.Equal(t, tt.want, states)
		})
	}
}

func TestDeliveryWithoutCallbackURL(t *testing.T) {
	c := guideCorp(t)
	_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
	require.NoError(t, err)
	waitAll(t, c)
	assert.Equal(t, sandbox.DeliveryNoURL, c.Deliveries()[0].State)
}

func TestVerifyCallbackURL(t *testing.T) {
	c := guideCorp(t)
	newReceiver(t, c, nil)
	require.NoError(t, c.VerifyCallbackURL(context.Background()))

	stranger := newCorpNamed(t, "stranger") // other keys than the receiver's
	stranger.SetCallbackURL(c.Config().CallbackURL)
	assert.Error(t, stranger.VerifyCallbackURL(context.Background()), "a receiver with other keys cannot echo")
}

func TestDeliveryManyWorkersWithJitter(t *testing.T) {
	c := guideCorp(t, func(cfg *sandbox.CorpConfig) {
		cfg.Delivery = &sandbox.DeliveryOptions{Workers: 4, MaxJitter: 5 * time.Millisecond}
	})
	rc := newReceiver(t, c, nil)
	for range 20 {
		_, err := c.CustomerAdds(sandbox.Add{UserID: "zhangsan"})
		require.NoError(t, err)
	}
	waitAll(t, c)
	assert.Len(t, rc.xmls(), 20)
	for _, d := range c.Deliveries() {
		assert.Equal(t, sandbox.DeliveryDelivered, d.State)
	}
	assert.ElementsMatch(t, eventXMLs(c.Events()), rc.xmls())
}

func eventXMLs(evs []sandbox.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.XML)
	}
	return out
}
