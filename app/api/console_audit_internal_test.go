package api

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// An audit entry's recorded values read as words, each in the sense of
// its own kind of object: "active" is a guide in post but a channel in
// effect; ids become names; times show in the corp's zone.
func TestAuditValuesReadAsWords(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	assert.NoError(t, err)
	n := detailNames{people: map[string]string{"guide0103": "王芳", "guide0104": "李娜"},
		stores: map[int64]app.Store{5: {Name: "徐汇店"}}, tags: map[string]string{"et1": "高价值"}, zone: shanghai}
	cases := []struct{ kind, key, value, want string }{
		{"guide", "状态", app.GuideActive, "在职"},
		{"channel", "状态", app.ChannelActive, "生效中"},
		{"channel", "状态", app.ChannelPaused, "已暂停（仅备用导购接待）"},
		{"channel", "分配方式", app.PickRoundRobin, "轮流分配"},
		{"customer", "状态", app.OwnerPool, "客户池"},
		{"customer", "规则", app.RuleManual, ruleNames[app.RuleManual]},
		{"customer", "导购", "guide0103", "王芳"},
		{"customer", "门店", "5", "徐汇店"},
		{"customer", "门店", "6", "6"}, // a store Siyu no longer knows keeps what was recorded
		{"customer", "分配时间", "2026-12-04T07:11:46.134922856Z", "2026-12-04 15:11:46"},
		{"store", "名称", "active", "active"}, // a name is never translated
		{"channel", "导购", "guide0103、guide0104、guide0999", "王芳、李娜、guide0999"},
		{"channel", "标签", "et1、et2", "高价值、et2"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, n.value(c.kind, c.key, c.value), "%s %s %s", c.kind, c.key, c.value)
	}
}

// A channel's guides and tags are recorded as lists; the log shows their
// items, not JSON, so that each can be named.
func TestAuditListsShowTheirItems(t *testing.T) {
	lines, _ := detailLines(`{"after":{"Members":[{"ChannelID":1,"UserID":"guide0101"},{"ChannelID":1,"UserID":"guide0102"}],"TagIDs":["et1","et2"],"Shifts":[]}}`)
	assert.Equal(t, []detailLine{{Key: "导购", After: "guide0101、guide0102"}, {Key: "标签", After: "et1、et2"}}, lines)
}
