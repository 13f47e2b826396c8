package sandbox

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// encodeCursor makes an opaque next_cursor for the item at offset; "" when
// there is nothing more, as WeCom answers on the last page.
func encodeCursor(offset, total int) string {
	if offset >= total {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("sbx:" + strconv.Itoa(offset)))
}

// decodeCursor reads a cursor; "" is the first page, garbage is 40058.
func decodeCursor(cursor string) (int, error) {
	if cursor == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	rest, ok := strings.CutPrefix(string(raw), "sbx:")
	n, convErr := strconv.Atoi(rest)
	if err != nil || !ok || convErr != nil || n < 0 {
		return 0, failf(40058, "invalid cursor")
	}
	return n, nil
}

// pageOf returns [from, to) for a page of limit items starting at cursor,
// and the next cursor.
func pageOf(cursor string, limit, total int) (from, to int, next string, err error) {
	from, err = decodeCursor(cursor)
	if err != nil {
		return 0, 0, "", err
	}
	from = min(from, total)
	to = min(from+limit, total)
	return from, to, encodeCursor(to, total), nil
}

// clampLimit applies WeCom's "default when absent, maximum when above".
func clampLimit(limit, def, max int) int {
	if limit <= 0 {
		return def
	}
	return min(limit, max)
}
