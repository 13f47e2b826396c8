package names

import (
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// label names one actor with the names read.
func label(actor string, users, tokens map[int64]string, people map[string]string) string {
	kind, id, _ := strings.Cut(actor, ":")
	switch kind {
	case "user":
		if n, ok := users[atoi(id)]; ok {
			return "控制台用户「" + n + "」"
		}
	case "token":
		if n, ok := tokens[atoi(id)]; ok {
			return "令牌「" + n + "」"
		}
	case "staff":
		if n, ok := people[id]; ok {
			return "导购「" + n + "」"
		}
	}
	return app.ActorLabel(actor)
}

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}
