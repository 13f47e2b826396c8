package assign

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

func TestOnShift(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	at := func(day, hhmm string) time.Time {
		v, _ := time.ParseInLocation("2006-01-02 15:04", day+" "+hhmm, shanghai)
		return v
	}
	weekdays := []app.Shift{{Days: []int{1, 2, 3, 4, 5}, From: 9 * 60, To: 18 * 60}}
	night := []app.Shift{{Days: []int{5}, From: 22 * 60, To: 2 * 60}} // Friday 22:00 to Saturday 02:00
	cases := []struct {
		name   string
		shifts []app.Shift
		at     time.Time
		want   bool
	}{
		{"no shifts: always", nil, at("2026-11-22", "03:00"), true},
		{"Monday 09:00 starts the shift", weekdays, at("2026-11-23", "09:00"), true},
		{"Monday 17:59 still on", weekdays, at("2026-11-23", "17:59"), true},
		{"Monday 18:00 ends it", weekdays, at("2026-11-23", "18:00"), false},
		{"Sunday is off", weekdays, at("2026-11-22", "10:00"), false},
		{"Friday 23:00 on the night shift", night, at("2026-11-27", "23:00"), true},
		{"Saturday 01:30 still the Friday night shift", night, at("2026-11-28", "01:30"), true},
		{"Saturday 02:00 over", night, at("2026-11-28", "02:00"), false},
		{"Friday 01:00 belongs to Thursday's night: off", night, at("2026-11-27", "01:00"), false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, onShift(c.shifts, c.at), c.name)
	}
}
