package org

import (
	"strings"
	"time"
)

// checkHours returns why s is not a valid opening-hours text, or "". The
// text is one or more daily ranges "HH:MM-HH:MM" joined by commas; a range
// may end past midnight ("18:00-02:00"), but not where it starts.
func checkHours(s string) string {
	if s == "" {
		return ""
	}
	for _, r := range strings.Split(strings.ReplaceAll(s, "，", ","), ",") {
		from, to, ok := strings.Cut(strings.TrimSpace(r), "-")
		if !ok || !isClock(from) || !isClock(to) {
			return "营业时间应写作 09:00-21:00，多段用逗号分隔"
		}
		if from == to {
			return "营业时间段 " + r + " 的开始与结束相同"
		}
	}
	return ""
}

// isClock reports whether s is a time of day "HH:MM" (24:00 closes a day).
func isClock(s string) bool {
	if s == "24:00" {
		return true
	}
	_, err := time.Parse("15:04", s)
	return err == nil && len(s) == 5
}
