package panel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/panel"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A link sent from the panel is the guide's own share link; the send,
// reported again and again, is one self-reported touch, listed on the
// page. Nobody records a send of another guide's link, nor for a
// customer they may not see.
func TestRecordSend(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		g := graph(t, d)
		w := newBuyerWorld(t, g, "ww_panel_send")
		w.store(t, "S1", "徐汇店", nil)
		w.guide(t, "g1", "S1", "wm_c1")
		w.guide(t, "g2", "S1", "wm_c2")
		svc := g.Panel(panel.Config{PublicURL: "http://127.0.0.1"})
		g1 := app.PanelViewer{CorpID: w.corp.ID, WeComCorp: w.corp.CorpID, UserID: "g1"}
		g2 := app.PanelViewer{CorpID: w.corp.ID, WeComCorp: w.corp.CorpID, UserID: "g2"}

		_, err := svc.ShareLink(w.ctx, g1, "wm_c1", "ftp://x", "")
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		_, err = svc.ShareLink(w.ctx, g1, "wm_c2", "https://shop.example.com/a", "")
		assert.Equal(t, app.EFORBIDDEN, app.ErrorCode(err), "not their customer")
		l, err := svc.ShareLink(w.ctx, g1, "wm_c1", "https://shop.example.com/a", "新品")
		require.NoError(t, err)
		assert.Equal(t, "g1", l.UserID)
		for range 3 { // the page retrying its report
			require.NoError(t, svc.RecordSend(w.ctx, g1, "wm_c1", l.Code))
		}
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(svc.RecordSend(w.ctx, g2, "wm_c2", l.Code)), "another guide's link")
		assert.Equal(t, app.EFORBIDDEN, app.ErrorCode(svc.RecordSend(w.ctx, g1, "wm_c2", l.Code)))
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(svc.RecordSend(w.ctx, g1, "wm_c1", "nosuchcd")))

		ts, _, err := g.Touch.List(w.ctx, w.corp.ID, app.TouchFilter{Kind: app.TouchPanelSend})
		require.NoError(t, err)
		require.Len(t, ts, 1, "one touch however often the send is reported")
		assert.True(t, ts[0].SelfReported)
		assert.Equal(t, "wm_c1", ts[0].ExternalUserID)
		assert.Equal(t, "g1", ts[0].UserID)
		assert.Equal(t, w.stores["S1"], *ts[0].StoreID)
		assert.JSONEq(t, `{"self_reported":true,"msgtype":"news","code":"`+l.Code+`","title":"新品","target":"https://shop.example.com/a"}`, ts[0].Detail)

		p := page(t, svc, w, "g1", "wm_c1")
		require.Len(t, p.Sends, 1)
		assert.Equal(t, panel.Send{At: ts[0].At, Title: "新品", Target: "https://shop.example.com/a", SelfReported: true}, p.Sends[0])
		assert.Empty(t, page(t, svc, w, "g2", "wm_c2").Sends)
	})
}
