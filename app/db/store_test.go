package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func TestCorpStore(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := db.NewCorpStore(d, testkit.Box(t))
		before := time.Now().UTC().Add(-time.Second)
		c := &app.Corp{CorpID: "ww_demo", Name: "示例烘焙连锁", ContactSecret: "contact-s3cret", CallbackToken: "tok"}
		require.NoError(t, s.CreateCorp(ctx, c))
		assert.NotZero(t, c.ID)
		assert.Equal(t, "Asia/Shanghai", c.Timezone, "default zone")

		t.Run("OK", func(t *testing.T) {
			got, err := s.FindCorpByCorpID(ctx, "ww_demo")
			require.NoError(t, err)
			assert.Equal(t, c.ID, got.ID)
			assert.Equal(t, "示例烘焙连锁", got.Name)
			assert.Equal(t, time.UTC, got.CreatedAt.Location(), "times come back as UTC")
			assert.True(t, got.CreatedAt.After(before), "created_at %s", got.CreatedAt)
		})
		t.Run("SecretsSealedAtRest", func(t *testing.T) {
			var raw string
			require.NoError(t, d.SQL().QueryRow("SELECT contact_secret FROM corps WHERE id = ?", c.ID).Scan(&raw))
			assert.NotContains(t, raw, "contact-s3cret")
			got, err := s.FindCorpByID(ctx, c.ID)
			require.NoError(t, err)
			assert.Equal(t, "contact-s3cret", got.ContactSecret)
			assert.Equal(t, "tok", got.CallbackToken)
			got.AgentID, got.AgentSecret = "1000002", "agent-s3cret"
			require.NoError(t, s.UpdateCorpCredentials(ctx, got))
			again, err := s.FindCorpByCorpID(ctx, "ww_demo")
			require.NoError(t, err)
			assert.Equal(t, "agent-s3cret", again.AgentSecret)
			assert.Equal(t, "1000002", again.AgentID)
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := s.FindCorpByID(ctx, c.ID+1000)
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
		})
		t.Run("ErrConflict", func(t *testing.T) {
			err := s.CreateCorp(ctx, &app.Corp{CorpID: "ww_demo", Name: "again"})
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "%v", err)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			err := s.CreateCorp(ctx, &app.Corp{CorpID: "ww_x", Name: "x", Timezone: "Nowhere/City"})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err))
			list, err := s.ListCorps(ctx)
			require.NoError(t, err)
			assert.Len(t, list, 1, "invalid corp was not stored")
		})
	})
}

func TestAuditStore(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := app.WithRequestID(context.Background(), "req-1")
		corps := db.NewCorpStore(d, testkit.Box(t))
		a, b := &app.Corp{CorpID: "ww_a", Name: "A"}, &app.Corp{CorpID: "ww_b", Name: "B"}
		require.NoError(t, corps.CreateCorp(ctx, a))
		require.NoError(t, corps.CreateCorp(ctx, b))
		s := db.NewAuditStore(d)
		for i := range 5 {
			require.NoError(t, s.RecordAudit(ctx, &app.AuditEntry{CorpID: a.ID, Actor: "system:test", Action: "customer.assign", TargetType: "customer", TargetID: fmt.Sprint(i % 2)}))
		}
		require.NoError(t, s.RecordAudit(ctx, &app.AuditEntry{CorpID: b.ID, Actor: "system:test", Action: "customer.assign", TargetType: "customer", TargetID: "0"}))

		t.Run("ScopedToCorpAndPaged", func(t *testing.T) {
			page1, err := s.ListAudit(ctx, app.AuditFilter{CorpID: a.ID, Limit: 3})
			require.NoError(t, err)
			require.Len(t, page1, 3)
			page2, err := s.ListAudit(ctx, app.AuditFilter{CorpID: a.ID, Limit: 3, BeforeID: page1[2].ID})
			require.NoError(t, err)
			require.Len(t, page2, 2)
			for _, e := range append(page1, page2...) {
				assert.Equal(t, a.ID, e.CorpID)
				assert.Equal(t, "req-1", e.RequestID, "request id taken from context")
			}
			assert.Greater(t, page1[0].ID, page1[2].ID, "newest first")
			assert.Greater(t, page1[2].ID, page2[0].ID)
		})
		t.Run("ByTarget", func(t *testing.T) {
			got, err := s.ListAudit(ctx, app.AuditFilter{CorpID: a.ID, TargetType: "customer", TargetID: "1"})
			require.NoError(t, err)
			assert.Len(t, got, 2)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			err := s.RecordAudit(ctx, &app.AuditEntry{CorpID: a.ID})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err))
			_, err = s.ListAudit(ctx, app.AuditFilter{})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err), "a query without a corp is refused")
		})
		t.Run("UnknownCorpRefused", func(t *testing.T) {
			err := s.RecordAudit(ctx, &app.AuditEntry{CorpID: 999999, Actor: "x", Action: "y", TargetType: "z"})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err), "%v", err)
		})
	})
}
