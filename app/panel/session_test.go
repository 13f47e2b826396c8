package panel_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
)

func TestSigner(t *testing.T) {
	key := panel.DeriveKey([]byte("0123456789abcdef0123456789abcdef"))
	s := panel.NewSigner(key)
	v := app.PanelViewer{CorpID: 7, WeComCorp: "ww1", UserID: "guide1"}
	signed, err := s.Sign(panel.PurposeSession, v, time.Hour)
	require.NoError(t, err)

	t.Run("OK", func(t *testing.T) {
		var got app.PanelViewer
		require.NoError(t, s.Open(panel.PurposeSession, signed, &got))
		assert.Equal(t, v, got)
	})
	tests := []struct {
		name, purpose, value string
		signer               *panel.Signer
	}{
		{"ErrOtherPurpose", panel.PurposeLogin, signed, s},
		{"ErrOtherKey", panel.PurposeSession, signed, panel.NewSigner(panel.DeriveKey([]byte("another deployment key, 32 bytes")))},
		{"ErrTampered", panel.PurposeSession, strings.Replace(signed, signed[:4], "AAAA", 1), s},
		{"ErrNoSignature", panel.PurposeSession, strings.Split(signed, ".")[0], s},
		{"ErrEmpty", panel.PurposeSession, "", s},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got app.PanelViewer
			err := tc.signer.Open(tc.purpose, tc.value, &got)
			assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err))
			assert.Empty(t, got.UserID)
		})
	}
	t.Run("ErrExpired", func(t *testing.T) {
		old, err := s.Sign(panel.PurposeSession, v, -time.Second)
		require.NoError(t, err)
		var got app.PanelViewer
		assert.Equal(t, "登录已过期，请重新登录", app.ErrorMessage(s.Open(panel.PurposeSession, old, &got)))
	})
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/panel/customer?corp=ww1&external_userid=wm1": "/panel/customer?corp=ww1&external_userid=wm1",
		"":                        "/panel/customer",
		"https://evil.example/":   "/panel/customer",
		"//evil.example/panel/x":  "/panel/customer",
		"/sandbox":                "/panel/customer",
		"/panel/\\evil.example":   "/panel/customer",
		"/panel/customer\r\nX: y": "/panel/customer",
	} {
		assert.Equal(t, want, panel.SafeNext(in), in)
	}
}

type rule struct {
	ok  bool
	err error
	n   *int
}

func (r rule) MayView(context.Context, app.PanelViewer, string) (bool, error) {
	*r.n++
	return r.ok, r.err
}

func TestAnyAccess(t *testing.T) {
	var calls int
	no, yes, broken := rule{n: &calls}, rule{ok: true, n: &calls}, rule{err: errors.New("db down"), n: &calls}
	ctx, v := context.Background(), app.PanelViewer{}
	ok, err := panel.AnyAccess{no, yes, broken}.MayView(ctx, v, "wm1")
	assert.True(t, ok)
	assert.NoError(t, err)
	assert.Equal(t, 2, calls, "stops at the first rule that admits")
	ok, err = panel.AnyAccess{no, no}.MayView(ctx, v, "wm1")
	assert.False(t, ok)
	assert.NoError(t, err)
	_, err = panel.AnyAccess{no, broken, yes}.MayView(ctx, v, "wm1")
	assert.Error(t, err, "a failing rule is an error, never a silent no")
	ok, _ = panel.AnyAccess{}.MayView(ctx, v, "wm1")
	assert.False(t, ok, "no rule admits nobody")
}
