package app_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// at is a time in the corp's zone (Asia/Shanghai); 2026-01-05 is a Monday.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, 1, day, hour, minute, 0, 0, time.FixedZone("CST", 8*3600))
}

func TestOnShift(t *testing.T) {
	night := []app.Shift{{Days: []int{0}, From: 20 * 60, To: 20 * 60}} // Sunday 20:00 to Monday 20:00
	weekdays := []app.Shift{{Days: []int{1, 2, 3, 4, 5}, From: 9 * 60, To: 18 * 60}}
	friday := []app.Shift{{Days: []int{5}, From: 22 * 60, To: 2 * 60}} // Friday 22:00 to Saturday 02:00
	tests := []struct {
		name   string
		shifts []app.Shift
		when   time.Time
		want   bool
	}{
		{"NoShiftsAlways", nil, at(5, 3, 0), true},
		{"WholeDay", []app.Shift{{Days: []int{1}, From: 0, To: 1440}}, at(5, 23, 59), true},
		{"WholeDayNotNext", []app.Shift{{Days: []int{1}, From: 0, To: 1440}}, at(6, 0, 0), false},
		{"TwentyFourHoursFromSunday", night, at(5, 19, 59), true},
		{"TwentyFourHoursEnd", night, at(5, 20, 0), false},
		{"TwentyFourHoursBefore", night, at(4, 19, 59), false},
		{"SaturdayIntoSunday", []app.Shift{{Days: []int{6}, From: 23 * 60, To: 60}}, at(11, 0, 30), true},
		{"WeekdayStarts", weekdays, at(5, 9, 0), true},
		{"WeekdayLastMinute", weekdays, at(5, 17, 59), true},
		{"WeekdayEnds", weekdays, at(5, 18, 0), false},
		{"SundayOff", weekdays, at(4, 10, 0), false},
		{"FridayNight", friday, at(9, 23, 0), true},
		{"FridayNightIntoSaturday", friday, at(10, 1, 30), true},
		{"FridayNightOver", friday, at(10, 2, 0), false},
		{"FridayEarlyIsThursdayNight", friday, at(9, 1, 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, app.OnShift(tt.shifts, tt.when)) })
	}
}
