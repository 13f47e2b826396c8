package main

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// scaleCorp is one round's corp: registered with Siyu, its follows
// mirrored, and the sandbox's events of each customer deleting their
// guide, composed but not sent (the load generator sends them).
type scaleCorp struct {
	cfg    sandbox.CorpConfig
	id     int64
	events []sandbox.Event
}

// newScaleCorp seeds n customers over 50 guides in the sandbox, mirrors
// them in d as a full sync would, and has every customer delete their
// guide: n real del_follow_user events, which a worker applies without a
// WeCom read.
func newScaleCorp(b *testing.B, sb *sandbox.Sandbox, d *db.DB, n int) *scaleCorp {
	c := &scaleCorp{cfg: sandbox.NewCorpConfig(testkit.RandomName("wws"))}
	sc, err := sb.AddCorp(c.cfg) // no callback URL: events are recorded, not sent
	require.NoError(b, err)
	_, err = sc.SeedBulk(sandbox.Bulk{Members: 50, Customers: n})
	require.NoError(b, err)
	follows := sc.Snapshot().Follows
	c.register(b, d, follows)
	for _, f := range follows {
		require.NoError(b, sc.CustomerDeletesMember(f.UserID, f.ExternalUserID))
	}
	for _, ev := range sc.Events() {
		if ev.ChangeType == "del_follow_user" {
			c.events = append(c.events, ev)
		}
	}
	require.Len(b, c.events, n)
	return c
}

// register adds the corp to Siyu and writes its customers and follows.
func (c *scaleCorp) register(b *testing.B, d *db.DB, follows []sandbox.Follow) {
	key, err := secret.LoadKey(testSecretKey, "")
	require.NoError(b, err)
	box, err := secret.New(key)
	require.NoError(b, err)
	corp := &app.Corp{CorpID: c.cfg.CorpID, Name: "扩容压测", Timezone: "Asia/Shanghai", ContactSecret: c.cfg.ContactSecret,
		CallbackToken: c.cfg.Token, EncodingAESKey: c.cfg.EncodingAESKey}
	require.NoError(b, db.NewCorpStore(d, box).CreateCorp(context.Background(), corp))
	c.id = corp.ID
	at := time.Now().UTC().Format("2006-01-02 15:04:05")
	testkit.InsertRows(b, d, len(follows), "customers", "corp_id, external_userid, name, type, created_at, updated_at", func(i int) string {
		return fmt.Sprintf("(%d,'%s','客户%d',1,'%s','%s')", c.id, follows[i].ExternalUserID, i, at, at)
	})
	testkit.InsertRows(b, d, len(follows), "follows", "corp_id, userid, external_userid, add_time, created_at, updated_at", func(i int) string {
		added := time.Unix(follows[i].CreateTime, 0).UTC().Format("2006-01-02 15:04:05")
		return fmt.Sprintf("(%d,'%s','%s','%s','%s','%s')", c.id, follows[i].UserID, follows[i].ExternalUserID, added, at, at)
	})
}

// seal signs and encrypts every event as WeCom delivers it, stamped now,
// addressed to the APIs in turn.
func (c *scaleCorp) seal(b *testing.B, apis []*proc) (urls []string, bodies [][]byte) {
	cr, err := wecom.NewCrypter(c.cfg.Token, c.cfg.EncodingAESKey, c.cfg.CorpID)
	require.NoError(b, err)
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	for i, ev := range c.events {
		nonce := "n" + strconv.Itoa(i)
		body, sig, err := cr.SealCallback([]byte(ev.XML), stamp, nonce)
		require.NoError(b, err)
		urls = append(urls, apis[i%len(apis)].base+"/wecom/callback/"+c.cfg.CorpID+"?msg_signature="+sig+"&timestamp="+stamp+"&nonce="+nonce)
		bodies = append(bodies, body)
	}
	return urls, bodies
}

// waitApplied waits until none of the corp's inbox rows is pending, then
// checks all n were applied. Every post was answered 200, so every event is
// stored; the poll reads the pending rows alone (the status index), so
// it adds little to the database's load, as counting the corp's every
// row 50 times a second would.
func (c *scaleCorp) waitApplied(b *testing.B, d *db.DB, n int) {
	count := func(status string) int {
		var v int
		require.NoError(b, d.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status = ? AND corp_id = ?", status, c.id).Scan(&v))
		return v
	}
	for deadline := time.Now().Add(10 * time.Minute); count(app.InboxPending) > 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d events still pending after 10 minutes", count(app.InboxPending), n)
		}
	}
	require.Equal(b, n, count(app.InboxApplied), "every event stored and applied")
}
