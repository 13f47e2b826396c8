package db

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// anyTime scans a time computed by an expression (MAX of a DATETIME):
// MySQL's driver gives a time.Time, SQLite's the stored text, since an
// expression has no declared type for the driver to convert by.
type anyTime struct{ t *time.Time }

// sqliteLayouts are the ways SQLite holds a time written by Siyu.
var sqliteLayouts = []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", time.RFC3339Nano}

// Scan implements sql.Scanner.
func (a *anyTime) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		a.t = nil
	case time.Time:
		u := x.UTC()
		a.t = &u
	case string:
		return a.parse(x)
	case []byte:
		return a.parse(string(x))
	default:
		return fmt.Errorf("scan time: unexpected %T", v)
	}
	return nil
}

func (a *anyTime) parse(s string) error {
	for _, l := range sqliteLayouts {
		if t, err := time.Parse(l, s); err == nil {
			u := t.UTC()
			a.t = &u
			return nil
		}
	}
	return fmt.Errorf("scan time: cannot read %q", s)
}

// Value implements driver.Valuer, which gorm asks of a field it scans
// into; Siyu never writes one.
func (a anyTime) Value() (driver.Value, error) {
	if a.t == nil {
		return nil, nil
	}
	return *a.t, nil
}
