package dashboard

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// ChannelOrder is 渠道效果's default order: adds, most first.
var ChannelOrder = Order{Sort: "adds", Desc: true}

// Channels is 渠道效果: each channel code's adds over p (a store
// manager's, those into their store), the first orders of the customers
// it brought and their conversion (first orders per add), and what
// those customers' orders paid; ranked by o, with bars of adds and first
// orders and a line of conversion.
func (s *Service) Channels(ctx context.Context, sc Scope, p Period, o Order) (*RankPage, error) {
	rows, err := s.d.Stats.StatTotals(ctx, app.StatsQuery{CorpID: sc.CorpID, Dim: app.StatChannel, StoreID: sc.StoreID, From: p.From, To: p.To})
	if err != nil {
		return nil, err
	}
	keys, figs := byKey(rows)
	name, err := s.channelNames(ctx, sc.CorpID, keys)
	if err != nil {
		return nil, err
	}
	t := Table{Key: "channels", Title: "渠道效果", Heads: []string{"渠道活码"}, Columns: ChannelColumns}
	var sum app.Figures
	for _, k := range keys {
		t.Rows = append(t.Rows, rowOf(k, []string{name(k)}, *figs[k], ChannelColumns))
		sum.Add(*figs[k])
	}
	total := rowOf("", []string{"合计"}, sum, ChannelColumns)
	t.Total = &total
	if err := t.rank(o); err != nil {
		return nil, err
	}
	return &RankPage{Period: p, Table: t, Chart: barsOf(t, "渠道添加、首单与转化（本页）", "adds", "first_orders", "conversion"), More: t.More(o)}, nil
}

// channelNames names channel keys: a code's name, or what became of it.
func (s *Service) channelNames(ctx context.Context, corpID int64, keys []string) (func(string) string, error) {
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		if id, _ := strconv.ParseInt(k, 10, 64); id != 0 {
			ids = append(ids, id)
		}
	}
	names, err := s.d.Channels.ChannelNames(ctx, corpID, ids)
	return func(k string) string {
		id, _ := strconv.ParseInt(k, 10, 64)
		switch n, ok := names[id]; {
		case id == 0:
			return "未经渠道活码"
		case !ok:
			return "已删除的渠道活码"
		default:
			return n
		}
	}, err
}
