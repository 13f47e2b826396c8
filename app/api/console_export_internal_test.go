package api

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A nickname or remark a customer or guide typed opens in Excel as text,
// never as a formula; numbers stay numbers.
func TestCSVCellsNeverRunAsFormulas(t *testing.T) {
	got := csvSafe([]string{"=HYPERLINK(\"http://x\")", "+86 138", "@SUM(A1)", "-A1", "-5", "3.5", "王女士", ""})
	assert.Equal(t, []string{"'=HYPERLINK(\"http://x\")", "'+86 138", "'@SUM(A1)", "'-A1", "-5", "3.5", "王女士", ""}, got)
}
