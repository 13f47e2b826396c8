package panel

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

func TestUnderPublicURL(t *testing.T) {
	s := &Service{cfg: Config{PublicURL: "https://scrm.example.com/siyu"}}
	for raw, want := range map[string]bool{
		"https://scrm.example.com/siyu/panel/customer?corp=ww1": true,
		"https://SCRM.example.com/siyu/panel/customer":          true,
		"https://scrm.example.com/siyu":                         true,
		"https://scrm.example.com/siyuevil/panel":               false,
		"https://scrm.example.com/other/panel":                  false,
		"http://scrm.example.com/siyu/panel":                    false,
		"https://evil.example/siyu/panel":                       false,
		"https://user@scrm.example.com/siyu/panel":              false,
		"https://scrm.example.com:8443/siyu/panel":              false,
		"not a url": false,
	} {
		assert.Equal(t, want, s.underPublicURL(raw), raw)
	}
}

func TestTagDiff(t *testing.T) {
	p := &CustomerPage{Tags: []TagGroupView{{Name: "等级", Tags: []TagView{{ID: "t1", Name: "金卡", Marked: true}, {ID: "t2", Name: "银卡"}}},
		{Name: "兴趣", Tags: []TagView{{ID: "t3", Name: "烘焙", Marked: true}}}}}
	req, change, err := tagDiff(p, []string{"t2", "t3"})
	require.NoError(t, err)
	assert.Equal(t, []string{"t2"}, req.AddTag)
	assert.Equal(t, []string{"t1"}, req.RemoveTag)
	assert.Equal(t, TagChange{Added: []string{"银卡"}, Removed: []string{"金卡"}}, change)

	_, change, err = tagDiff(p, []string{"t1", "t3"})
	require.NoError(t, err)
	assert.True(t, change.Empty())

	_, _, err = tagDiff(p, []string{"t1", "gone"})
	assert.Equal(t, app.EINVALID, app.ErrorCode(err))
}

func TestMoney(t *testing.T) {
	for cents, want := range map[int64]string{0: "¥0.00", 5: "¥0.05", 12345: "¥123.45", 123450: "¥1,234.50", 100000000: "¥1,000,000.00",
		-3000: "-¥30.00", -123456789: "-¥1,234,567.89", 99999: "¥999.99"} {
		assert.Equal(t, want, app.Yuan(cents), cents)
	}
}
