package app

import (
	"strings"
	"unicode"
)

// NormalizePhone reads a mainland mobile number as people write it
// (+86 138 0013 8000, 0086-13800138000, 138-0013-8000) and returns its
// 11 digits; ok is false for anything that is not one. One spelling per
// number is what makes the blind index find it.
func NormalizePhone(s string) (phone string, ok bool) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' || r == '-' || r == '(' || r == ')' || unicode.IsSpace(r):
		default:
			return "", false
		}
	}
	d := b.String()
	for _, cc := range []string{"0086", "86"} {
		if len(d) == 11+len(cc) && strings.HasPrefix(d, cc) {
			d = d[len(cc):]
		}
	}
	if len(d) != 11 || d[0] != '1' || d[1] < '3' {
		return "", false
	}
	return d, true
}

// MaskPhone shows a normalized number as most people may see it:
// 138****8000.
func MaskPhone(phone string) string {
	if len(phone) != 11 {
		return ""
	}
	return phone[:3] + "****" + phone[7:]
}
