package org

import (
	"strconv"
	"strings"
)

// ParseDegrees turns a decimal degree text ("31.230416", "-121.47") into
// micro-degrees, in decimal arithmetic rather than through a float, so six
// decimals come out exact; a seventh and beyond (a centimetre, or the
// float noise a spreadsheet stores, 31.230415999999998) round half up.
func ParseDegrees(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 3 || len(frac) > 20 || !digits(whole) || !digits(frac) {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "000000")[:6], 10, 64)
	v := w*1_000_000 + f
	if len(frac) > 6 && frac[6] >= '5' {
		v++
	}
	if neg {
		v = -v
	}
	return v, true
}

// FormatDegrees writes micro-degrees as decimal degrees with six places.
func FormatDegrees(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + strconv.FormatInt(v/1_000_000, 10) + "." + strconv.FormatInt(1_000_000+v%1_000_000, 10)[1:]
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
