package app_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// TestAppendJSONString: whatever the text, the JSON written reads back
// as the same text.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uo\te`, "line\nbreak\ttab\x01\x1f", "中文：导购“甲”", "\u2028"} {
		var back string
		require.NoError(t, json.Unmarshal(app.AppendJSONString(nil, s), &back), s)
		require.Equal(t, s, back)
	}
}
