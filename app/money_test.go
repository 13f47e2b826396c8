package app_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

func TestYuan(t *testing.T) {
	for _, tc := range []struct {
		cents int64
		want  string
	}{{0, "¥0.00"}, {5, "¥0.05"}, {123450, "¥1,234.50"}, {-6400, "-¥64.00"}, {100000000, "¥1,000,000.00"}, {99999, "¥999.99"}} {
		assert.Equal(t, tc.want, app.Yuan(tc.cents), tc.cents)
	}
}
