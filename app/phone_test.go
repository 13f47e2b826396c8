package app_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

func TestNormalizePhone(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "13800138000", "13800138000"},
		{"spaced with country code", "+86 138 0013 8000", "13800138000"},
		{"0086 and dashes", "0086-138-0013-8000", "13800138000"},
		{"86 prefix", "8613800138000", "13800138000"},
		{"landline", "021-64381234", ""},
		{"too short", "1380013800", ""},
		{"letters", "1380013800O", ""},
		{"not a mobile prefix", "12800138000", ""},
		{"empty", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := app.NormalizePhone(c.in)
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.want != "", ok)
		})
	}
	assert.Equal(t, "138****8000", app.MaskPhone("13800138000"))
	assert.Equal(t, "", app.MaskPhone("123"))
}
