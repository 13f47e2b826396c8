package member

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Dates as spreadsheets hold them read as YYYY-MM-DD; anything else is
// left for check to refuse as written.
func TestSheetDate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Serial", "33000", "1990-05-07"},
		{"SerialWithTime", "32994.75", "1990-05-01"},
		{"Slashes", "1990/5/1", "1990-05-01"},
		{"Digits", "19900501", "1990-05-01"},
		{"ShortDashes", "1990-5-1", "1990-05-01"},
		{"ISO", "1990-05-01", "1990-05-01"},
		{"DotsStay", "1990.5.1", "1990.5.1"},
		{"YearStays", "1990", "1990"},
		{"Empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, sheetDate(tt.in)) })
	}
}

// Lists in one cell split on 、 and commas of either width.
func TestSplitList(t *testing.T) {
	assert.Equal(t, []string{"a", "b", "c", "d"}, splitList(" a、b,c，d ,"))
	assert.Nil(t, splitList(" "))
}
