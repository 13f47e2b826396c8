package org_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/org"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestValidateStore(t *testing.T) {
	for _, tc := range []struct {
		name   string
		store  app.Store
		fields []string
	}{
		{"OK", app.Store{Code: "SH-001", Name: "店", OpeningHours: "10:00-14:00, 17:00-02:00"}, nil},
		{"Blank", app.Store{}, []string{"code", "name"}},
		{"BadCode", app.Store{Code: "上海1", Name: "店"}, []string{"code"}},
		{"LongCode", app.Store{Code: "A123456789012345678901234567890123", Name: "店"}, []string{"code"}},
		{"Kind", app.Store{Code: "A", Name: "店", Kind: "warehouse"}, []string{"kind"}},
		{"Status", app.Store{Code: "A", Name: "店", Status: "gone"}, []string{"status"}},
		{"HalfCoordinates", app.Store{Code: "A", Name: "店", Latitude: ptr(int64(1))}, []string{"longitude"}},
		{"LatitudeRange", app.Store{Code: "A", Name: "店", Latitude: ptr(int64(90_000_001)), Longitude: ptr(int64(0))}, []string{"latitude"}},
		{"LongitudeRange", app.Store{Code: "A", Name: "店", Latitude: ptr(int64(0)), Longitude: ptr(int64(-180_000_001))}, []string{"longitude"}},
		{"Hours", app.Store{Code: "A", Name: "店", OpeningHours: "9点到21点"}, []string{"opening_hours"}},
		{"HoursEmptyRange", app.Store{Code: "A", Name: "店", OpeningHours: "09:00-09:00"}, []string{"opening_hours"}},
		{"HoursBadClock", app.Store{Code: "A", Name: "店", OpeningHours: "09:00-25:00"}, []string{"opening_hours"}},
		{"HoursTooLong", app.Store{Code: "A", Name: "店", OpeningHours: longHours(11)}, []string{"opening_hours"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range app.ErrorFields(org.ValidateStore(&tc.store)) {
				got = append(got, f.Field)
			}
			assert.Equal(t, tc.fields, got)
		})
	}
}

func TestValidateGuide(t *testing.T) {
	g := app.Guide{UserID: "bad user", Role: "boss"}
	var got []string
	for _, f := range app.ErrorFields(org.ValidateGuide(&g)) {
		got = append(got, f.Field)
	}
	assert.Equal(t, []string{"userid", "store_code", "role"}, got)
	ok := app.Guide{UserID: " li.si@shop ", StoreCode: "A"}
	assert.NoError(t, org.ValidateGuide(&ok))
	assert.Equal(t, "li.si@shop", ok.UserID)
}

func TestDegrees(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"31.230416", 31230416, true}, {"-121.47", -121470000, true}, {"+0.000001", 1, true},
		{"-0.5", -500000, true}, {"180", 180000000, true}, {"31.2304161", 31230416, true}, {"31.230415999999998", 31230416, true}, {"-31.2304165", -31230417, true},
		{"", 0, false}, {"1e3", 0, false}, {"31,2", 0, false}, {"1234.5", 0, false},
	} {
		got, ok := org.ParseDegrees(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
		if ok {
			back, _ := org.ParseDegrees(org.FormatDegrees(got))
			assert.Equal(t, got, back, "round trip of %s", tc.in)
		}
	}
	assert.Equal(t, "-0.500000", org.FormatDegrees(-500000))
}

func TestSamePool(t *testing.T) {
	shared1 := &app.Brand{ID: 1, SharesCustomers: true}
	shared2 := &app.Brand{ID: 2, SharesCustomers: true}
	apart := &app.Brand{ID: 3}
	assert.True(t, org.SamePool(shared1, shared2))
	assert.True(t, org.SamePool(shared1, nil), "a store without a brand is in the shared pool")
	assert.True(t, org.SamePool(apart, apart), "a brand always shares with itself")
	assert.False(t, org.SamePool(apart, shared1))
	assert.False(t, org.SamePool(nil, apart))
}

// longHours is n well-formed ranges, one an hour: valid but for length.
func longHours(n int) string {
	rs := make([]string, n)
	for i := range rs {
		rs[i] = fmt.Sprintf("%02d:00-%02d:30", i, i)
	}
	return strings.Join(rs, ", ")
}
