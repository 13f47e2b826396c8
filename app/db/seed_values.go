package db

import (
	"strconv"
	"time"
)

// Layouts of a time written as a literal: the ones the drivers write for a
// bound time.Time, so generated rows compare with Siyu's own.
const (
	seedMySQLTime  = "2006-01-02 15:04:05.000"
	seedSQLiteTime = "2006-01-02 15:04:05.999999999-07:00"
)

// appendRow appends "(v1,v2,…)" of vals as SQL literals; ok is false
// when a value is of a type it cannot write.
func (w *SeedWriter) appendRow(b []byte, vals []any) ([]byte, bool) {
	b = append(b, '(')
	for i, v := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = w.appendValue(b, v); !ok {
			return b, false
		}
	}
	return append(b, ')'), true
}

func (w *SeedWriter) appendValue(b []byte, v any) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		return append(b, "NULL"...), true
	case int64:
		return strconv.AppendInt(b, x, 10), true
	case int:
		return strconv.AppendInt(b, int64(x), 10), true
	case bool:
		if x {
			return append(b, '1'), true
		}
		return append(b, '0'), true
	case string:
		return w.appendString(b, x), true
	case time.Time:
		layout := seedSQLiteTime
		if w.mysql {
			layout = seedMySQLTime
		}
		b = append(b, '\'')
		b = x.UTC().AppendFormat(b, layout)
		return append(b, '\''), true
	}
	return b, false
}

// appendString quotes s: quotes doubled, and on MySQL backslashes too
// (SQLite reads a backslash as itself).
func (w *SeedWriter) appendString(b []byte, s string) []byte {
	b = append(b, '\'')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			b = append(b, '\'', '\'')
		case c == '\\' && w.mysql:
			b = append(b, '\\', '\\')
		default:
			b = append(b, c)
		}
	}
	return append(b, '\'')
}
