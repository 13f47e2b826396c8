package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/inbox"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/tasks"
	"github.com/siyu-scrm/siyu/templates"
	"github.com/siyu-scrm/siyu/wecom"
)

const (
	cbCorp   = "wwcallbacktest"
	cbToken  = "cbtoken"
	cbAESKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
)

// callbackRig is the callback endpoint on a real database and queue.
type callbackRig struct {
	h     *gin.Engine
	db    *db.DB
	redis *kv.Redis
	c     *wecom.Crypter
}

func newCallbackRig(t testing.TB, driver, redisMode string) *callbackRig {
	d := testkit.MigratedDB(t, driver)
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, redisMode))
	corps := db.NewCorpStore(d, testkit.Box(t))
	require.NoError(t, corps.CreateCorp(context.Background(), &app.Corp{CorpID: cbCorp, Name: "回调测试", CallbackToken: cbToken, EncodingAESKey: cbAESKey}))
	q := asynq.NewClient(r.Conn)
	t.Cleanup(func() { q.Close() })
	m := metrics.New()
	recv := inbox.NewReceiver(corps, db.NewInboxStore(d), tasks.NewEnqueuer(q), metrics.NewCallbacks(m.Registry), testkit.Logger(t),
		inbox.Config{MaxSkew: 10 * time.Minute})
	pages, err := templates.Parse()
	require.NoError(t, err)
	c, err := wecom.NewCrypter(cbToken, cbAESKey, cbCorp)
	require.NoError(t, err)
	h := api.New(api.Deps{Log: testkit.Logger(t), Metrics: m, Pages: pages, Callbacks: recv, CallbackMaxBytes: 4096})
	return &callbackRig{h: h, db: d, redis: r, c: c}
}

func eventXML(change string, created int64) string {
	return fmt.Sprintf(`<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>`+
		`<CreateTime>%d</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>`+
		`<ChangeType><![CDATA[%s]]></ChangeType><UserID><![CDATA[guide1]]></UserID><ExternalUserID><![CDATA[wm1]]></ExternalUserID></xml>`,
		cbCorp, created, change)
}

// post seals plain as WeCom would and posts it; mutate may spoil it.
func (rig *callbackRig) post(t *testing.T, corp, plain string, ts time.Time, mutate func(q url.Values, body []byte) []byte) *httptest.ResponseRecorder {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	body, sig, err := rig.c.SealCallback([]byte(plain), stamp, "nonce1")
	require.NoError(t, err)
	q := url.Values{"msg_signature": {sig}, "timestamp": {stamp}, "nonce": {"nonce1"}}
	if mutate != nil {
		body = mutate(q, body)
	}
	req := httptest.NewRequest("POST", "/wecom/callback/"+corp+"?"+q.Encode(), strings.NewReader(string(body)))
	w := httptest.NewRecorder()
	rig.h.ServeHTTP(w, req)
	return w
}

func (rig *callbackRig) rows(t *testing.T, status string) int {
	var n int
	require.NoError(t, rig.db.SQL().QueryRow("SELECT COUNT(*) FROM wecom_events WHERE status = ?", status).Scan(&n))
	return n
}

func (rig *callbackRig) queued(t *testing.T) int {
	insp := asynq.NewInspector(rig.redis.Conn)
	defer insp.Close()
	info, err := insp.GetQueueInfo(tasks.QueueDefault)
	if err != nil {
		return 0 // the queue does not exist until a task is put on it
	}
	return info.Pending
}
