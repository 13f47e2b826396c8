package attribution

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// A rule set reads out in Chinese, and a change between two versions
// names each setting that moved, before and after, in words.
func TestDescribeAndChanges(t *testing.T) {
	def := app.DefaultAttributionRules(1, 0)
	words := Words(def)
	assert.Equal(t, "专属导购 ＞ 推广导购 ＞ 添加导购（最早添加） ＞ 收银导购 ＞ 购买门店", words["归属顺序"])
	assert.Equal(t, "首次添加后 30 天内的线上订单归获客门店", words["客户保护期"])
	assert.Equal(t, "永久绑定", words["导购绑定"])
	assert.Empty(t, Changes(def, def))

	next := def
	next.Precedence = []string{app.RuleShare, app.RuleAdderLast, app.RuleStore}
	next.ProtectionDays, next.AcquirerPct, next.Binding, next.BindingDays, next.CrossStore = 0, 60, app.BindingTemporary, 90, false
	assert.Equal(t, []string{
		"归属顺序：专属导购 ＞ 推广导购 ＞ 添加导购（最早添加） ＞ 收银导购 ＞ 购买门店 → 推广导购 ＞ 添加导购（最近添加） ＞ 购买门店",
		"客户保护期：首次添加后 30 天内的线上订单归获客门店 → 不设保护期",
		"保护期内获客门店分成：100% → —",
		"导购绑定：永久绑定 → 临时绑定：成为专属导购后 90 天内有效",
		"跨店归属：允许其他门店的导购获得店内销售业绩 → 店内销售只归本店导购",
	}, Changes(def, next))
}

// The money a dry run says moves is what leaves a guide or store: a
// sale split differently moves the difference, a refund counts by size.
func TestMovedCents(t *testing.T) {
	s1, s2 := int64(1), int64(2)
	line := func(user string, store *int64, cents int64) app.Credit {
		return app.Credit{UserID: user, StoreID: store, AmountCents: cents}
	}
	tests := []struct {
		name          string
		before, after []app.Credit
		want          int64
	}{
		{"Same", []app.Credit{line("g1", &s1, 1000)}, []app.Credit{line("g1", &s1, 1000)}, 0},
		{"OtherGuide", []app.Credit{line("g1", &s1, 1000)}, []app.Credit{line("g2", &s1, 1000)}, 1000},
		{"OtherStore", []app.Credit{line("", &s1, 1000)}, []app.Credit{line("", &s2, 1000)}, 1000},
		{"Split", []app.Credit{line("g1", &s1, 1000)}, []app.Credit{line("g1", &s1, 600), line("", &s2, 400)}, 400},
		{"Refund", []app.Credit{line("g1", &s1, -300)}, []app.Credit{line("g2", &s1, -300)}, 300},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, movedCents(tc.before, tc.after)) })
	}
}
