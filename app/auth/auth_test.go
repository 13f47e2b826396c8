package auth_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

const password = "correct horse battery"

func setup(t *testing.T, d *db.DB, ttl time.Duration) (*auth.Service, int64, int64) {
	ctx := context.Background()
	corps := db.NewCorpStore(d, testkit.Box(t))
	a, b := &app.Corp{CorpID: "ww_auth_a", Name: "A"}, &app.Corp{CorpID: "ww_auth_b", Name: "B"}
	require.NoError(t, corps.CreateCorp(ctx, a))
	require.NoError(t, corps.CreateCorp(ctx, b))
	return root.NewCore(d, testkit.Box(t), auth.Options{BcryptCost: bcrypt.MinCost, SessionTTL: ttl}).Auth, a.ID, b.ID
}

func TestAdminLogin(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := app.WithActor(context.Background(), "cli:admin")
		s, a, b := setup(t, d, time.Hour)
		u := &app.AdminUser{CorpID: a, Username: "alice", Role: app.RoleOperator}
		require.NoError(t, s.CreateAdmin(ctx, u, password))

		t.Run("PasswordHashedAtRest", func(t *testing.T) {
			var stored string
			require.NoError(t, d.SQL().QueryRow("SELECT password_hash FROM admin_users WHERE id = ?", u.ID).Scan(&stored))
			assert.NotContains(t, stored, password)
			assert.True(t, strings.HasPrefix(stored, "$2"), "bcrypt: %s", stored)
		})
		t.Run("OK", func(t *testing.T) {
			in, err := s.Login(ctx, a, "alice", password)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(in.Token, auth.SessionPrefix))
			var n int
			require.NoError(t, d.SQL().QueryRow("SELECT COUNT(*) FROM admin_sessions WHERE token_hash = ?", in.Token).Scan(&n))
			assert.Zero(t, n, "the session token itself is not stored")
			p, err := s.Authenticate(ctx, in.Token)
			require.NoError(t, err)
			assert.Equal(t, app.Principal{CorpID: a, Role: app.RoleOperator, Actor: "user:" + itoa(u.ID), Name: "alice"}, *p)
			require.NoError(t, s.Logout(ctx, in.Token))
			_, err = s.Authenticate(ctx, in.Token)
			assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err), "logged out")
		})
		t.Run("ErrUnauthorized", func(t *testing.T) {
			for _, tc := range []struct {
				name, user, pw string
				corp           int64
			}{
				{"wrong password", "alice", "wrong password!", a},
				{"unknown user", "mallory", password, a},
				{"other corp", "alice", password, b},
			} {
				_, err := s.Login(ctx, tc.corp, tc.user, tc.pw)
				assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err), tc.name)
				assert.Equal(t, "用户名或密码错误", app.ErrorMessage(err), tc.name)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			err := s.CreateAdmin(ctx, &app.AdminUser{CorpID: a, Username: "a b", Role: "root"}, "short")
			assert.Len(t, app.ErrorFields(err), 3, "%v", err)
			err = s.CreateAdmin(ctx, &app.AdminUser{CorpID: a, Username: "alice", Role: app.RoleAdmin}, password)
			assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
		})
		t.Run("SetPassword", func(t *testing.T) {
			before, err := s.Login(ctx, a, "alice", password)
			require.NoError(t, err)
			require.NoError(t, s.SetAdminPassword(ctx, a, "alice", "a brand new password"))
			_, err = s.Authenticate(ctx, before.Token)
			assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err), "a reset ends the sessions opened with the old password")
			_, err = s.Login(ctx, a, "alice", password)
			assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err))
			_, err = s.Login(ctx, a, "alice", "a brand new password")
			assert.NoError(t, err)
		})
		t.Run("Audited", func(t *testing.T) {
			es, err := db.NewAuditStore(d).ListAudit(ctx, app.AuditFilter{CorpID: a, TargetType: "admin_user"})
			require.NoError(t, err)
			require.Len(t, es, 2)
			assert.Equal(t, "admin.password", es[0].Action)
			assert.Equal(t, "cli:admin", es[1].Actor)
			assert.NotContains(t, es[1].Detail, password)
		})
	})
}

func TestSessionExpires(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s, a, _ := setup(t, d, 50*time.Millisecond)
		require.NoError(t, s.CreateAdmin(ctx, &app.AdminUser{CorpID: a, Username: "bob", Role: app.RoleAdmin}, password))
		in, err := s.Login(ctx, a, "bob", password)
		require.NoError(t, err)
		_, err = s.Authenticate(ctx, in.Token)
		require.NoError(t, err)
		time.Sleep(100 * time.Millisecond)
		_, err = s.Authenticate(ctx, in.Token)
		assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err))
	})
}

func TestAPITokens(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := app.WithActor(context.Background(), "user:1")
		s, a, b := setup(t, d, time.Hour)
		tok := &app.APIToken{CorpID: a, Name: "ERP 同步", Role: app.RoleStoreManager}
		secret, err := s.CreateToken(ctx, tok)
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(secret, tok.Prefix))

		p, err := s.Authenticate(ctx, secret)
		require.NoError(t, err)
		assert.Equal(t, app.Principal{CorpID: a, Role: app.RoleStoreManager, Actor: "token:" + itoa(tok.ID), Name: "ERP 同步"}, *p)

		list, _, err := s.ListTokens(ctx, a, app.Page{})
		require.NoError(t, err)
		require.Len(t, list, 1)
		assert.NotNil(t, list[0].LastUsedAt, "use is recorded")
		assert.Equal(t, "user:1", list[0].CreatedBy)
		var stored int
		require.NoError(t, d.SQL().QueryRow("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ? OR prefix = ?", secret, secret).Scan(&stored))
		assert.Zero(t, stored, "the token itself is not stored")
		other, _, err := s.ListTokens(ctx, b, app.Page{})
		require.NoError(t, err)
		assert.Empty(t, other)

		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(s.RevokeToken(ctx, b, tok.ID)), "another corp cannot revoke it")
		require.NoError(t, s.RevokeToken(ctx, a, tok.ID))
		_, err = s.Authenticate(ctx, secret)
		assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err), "revoked")
		for _, bad := range []string{"", "sya_nope", "sys_nope", "random"} {
			_, err = s.Authenticate(ctx, bad)
			assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err), bad)
		}
		_, err = s.CreateToken(ctx, &app.APIToken{CorpID: a, Name: "", Role: "god"})
		assert.Len(t, app.ErrorFields(err), 2)
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
