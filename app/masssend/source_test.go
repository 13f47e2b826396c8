package masssend_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sourced is what the sandbox holds of the sends with text: each one's
// chat type, sender and recipients (customers or chat ids).
func (w *world) sourced(text string) [][]string {
	var out [][]string
	for _, m := range w.s.SC.MassSends() {
		if m.Text != text {
			continue
		}
		row := []string{m.ChatType, m.Tasks[0].UserID}
		for _, r := range m.Results {
			row = append(row, r.ExternalUserID+r.ChatID)
		}
		out = append(out, row)
	}
	return out
}

// advanceAll advances every send of the corp.
func (w *world) advanceAll(t *testing.T) []app.MassSend {
	list, _, err := w.svc.List(w.ctx, w.s.Corp.ID, app.MassSendFilter{Page: app.Page{Limit: 100}})
	require.NoError(t, err)
	for _, ms := range list {
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
	}
	return list
}

// A journey's single-customer send, asked for eight times at once with
// one key, is one send, one ledger chunk and one WeCom task from the
// guide named (not the owner's lookup); a customer who is not that
// guide's friend is excluded with the reason, as in any send.
func TestSendToCustomerOncePerKey(t *testing.T) {
	eachStack(t, map[string]int{"g1": 2, "g2": 1}, func(t *testing.T, w *world) {
		ext, stranger := w.customers["g1"][0], w.customers["g2"][0]
		var g errgroup.Group
		for range 8 {
			g.Go(func() error {
				return w.svc.SendToCustomer(w.ctx, w.s.Corp.ID, "g1", ext, "生日关怀 · 单客群发", "生日快乐", "journey:1:1:"+ext+":2027")
			})
		}
		require.NoError(t, g.Wait())
		require.NoError(t, w.svc.SendToCustomer(w.ctx, w.s.Corp.ID, "g1", stranger, "生日关怀 · 单客群发", "生日快乐", "journey:1:1:"+stranger+":2027"))
		sends := w.advanceAll(t)
		require.Len(t, sends, 2, "one send per key")
		assert.Equal(t, [][]string{{"single", "g1", ext}}, w.sourced("生日快乐"))
		assert.Equal(t, "生日关怀 · 单客群发", sends[1].Name)
		assert.Equal(t, map[string]placement{ext: {UserID: "g1", Chunk: 1}}, w.planned(t, &sends[1]))
		assert.Equal(t, map[string]placement{stranger: {UserID: "g1", Excluded: app.ExcludeNotFriend}}, w.planned(t, &sends[0]), "newest first")
		require.NoError(t, w.svc.SendToCustomer(w.ctx, w.s.Corp.ID, "g1", ext, "生日关怀 · 单客群发", "生日快乐", "journey:1:1:"+ext+":2027"))
		assert.Len(t, w.advanceAll(t), 2, "a later repeat makes nothing")
		assert.Len(t, w.sourced("生日快乐"), 1)
	})
}

// A group SOP's group send, asked for eight times at once with one key,
// is one WeCom task of chat_type group for the owner with that group.
func TestSendToGroupOncePerKey(t *testing.T) {
	eachStack(t, map[string]int{"g1": 2}, func(t *testing.T, w *world) {
		chat, err := w.s.SC.CreateGroup(sandbox.NewGroup{Owner: "g1", Name: "福利群", Members: w.customers["g1"]})
		require.NoError(t, err)
		w.s.Settle(t, 30*time.Second)
		var g errgroup.Group
		for range 8 {
			g.Go(func() error {
				return w.svc.SendToGroup(w.ctx, w.s.Corp.ID, "g1", chat, "周一早安 · 群发", "早安", "groupsop:1:1:"+chat+":2027-01-04")
			})
		}
		require.NoError(t, g.Wait())
		sends := w.advanceAll(t)
		require.Len(t, sends, 1)
		assert.Equal(t, map[string]placement{chat: {UserID: "g1", Chunk: 1}}, w.planned(t, &sends[0]))
		assert.Equal(t, [][]string{{"group", "g1", chat}}, w.sourced("早安"))
	})
}
