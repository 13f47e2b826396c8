package material_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/material"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

var sb *sandbox.Sandbox

func TestMain(m *testing.M) {
	stack.Main(m, sandbox.Options{Seed: 28}, func(s *sandbox.Sandbox, _ string) { sb = s })
}

// png is a small file that sniffs as PNG.
var png = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 256)...)

// instance is one Siyu instance's material service: its own Service on
// the shared database and the sandbox's clock.
func instance(s *stack.Stack) *material.Service {
	return material.New(material.Deps{Store: db.NewMaterialStore(s.DB), Clients: wecom.As[material.WeCom](s.Clients), Now: s.SC.Now})
}

func eachStack(t *testing.T, fn func(t *testing.T, s *stack.Stack)) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) { fn(t, stack.Start(t, sb, stack.Options{Driver: c.driver, RedisMode: c.redis})) })
	}
}

// A material is uploaded when kept; its media_id is used while fresh;
// once it is past 2.5 days, eight instances asking at once make exactly
// one upload and all get its id, which WeCom takes.
func TestMediaIDUploadsOnceAcrossInstances(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack.Stack) {
		ctx := app.WithActor(context.Background(), "user:1")
		m, err := instance(s).Create(ctx, s.Corp.ID, app.MaterialInput{Kind: app.MaterialImage, Name: "双十二海报.png", Data: png})
		require.NoError(t, err)
		require.NotEmpty(t, m.MediaID, "uploaded when kept")
		uploads := func() (n int) { // that WeCom took (a lapsed token's 42001 is tried again)
			for _, c := range s.SC.CallsTo("media/upload_attachment") {
				if c.ErrCode == 0 {
					n++
				}
			}
			return n
		}
		require.Equal(t, 1, uploads())
		id, err := instance(s).MediaID(ctx, s.Corp.ID, m.ID)
		require.NoError(t, err)
		assert.Equal(t, m.MediaID, id, "fresh: no upload")

		s.SC.Advance(material.Fresh + time.Hour)
		ids := make([]string, 8)
		var g errgroup.Group
		for i := range ids {
			svc := instance(s)
			g.Go(func() (err error) { ids[i], err = svc.MediaID(ctx, s.Corp.ID, m.ID); return err })
		}
		require.NoError(t, g.Wait())
		assert.Equal(t, 2, uploads(), "one upload across the eight instances")
		for _, got := range ids {
			assert.Equal(t, ids[0], got)
		}
		assert.NotEqual(t, m.MediaID, ids[0])
		s.SC.Advance(wecom.MediaTTL - material.Fresh) // the first upload has lapsed in WeCom; the second has not
		id, err = instance(s).MediaID(ctx, s.Corp.ID, m.ID)
		require.NoError(t, err)
		assert.Equal(t, ids[0], id)
	})
}

// Every refusal at once, in Chinese; nothing is kept.
func TestCreateRefusals(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack.Stack) {
		ctx, svc := context.Background(), instance(s)
		_, err := svc.Create(ctx, s.Corp.ID, app.MaterialInput{Kind: app.MaterialImage, Name: " ", Data: []byte("不是图片")})
		require.Equal(t, app.EINVALID, app.ErrorCode(err))
		reasons := map[string]string{}
		for _, f := range app.ErrorFields(err) {
			reasons[f.Field] = f.Reason
		}
		assert.Equal(t, map[string]string{"name": "请填写素材名称（不超过128个字）", "file": "图片须为 JPG 或 PNG 格式"}, reasons)
		_, err = svc.Create(ctx, s.Corp.ID, app.MaterialInput{Kind: "voice", Name: "a", Data: make([]byte, app.MaterialMaxBytes+1)})
		assert.Len(t, app.ErrorFields(err), 2, "kind and size")
		list, total, err := svc.List(ctx, s.Corp.ID, app.Page{})
		require.NoError(t, err)
		assert.Zero(t, total)
		assert.Empty(t, list)
		assert.Empty(t, s.SC.CallsTo("media/upload_attachment"), "nothing refused here reaches WeCom")
	})
}
