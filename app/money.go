package app

import (
	"strconv"
	"strings"
)

// Yuan writes cents as people read money: ¥1,234.50, -¥64.00.
func Yuan(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + "¥" + b.String() + "." + strconv.FormatInt(100+cents%100, 10)[1:]
}
