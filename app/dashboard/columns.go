package dashboard

import "github.com/siyu-scrm/siyu/app"

func count(key, label string, v func(f app.Figures) int64) Column {
	return Column{Key: key, Label: label, Kind: Count, value: func(f app.Figures) Cell { return Of(float64(v(f))) }}
}

func money(key, label string, v func(f app.Figures) int64) Column {
	return Column{Key: key, Label: label, Kind: Money, value: func(f app.Figures) Cell { return Of(float64(v(f))) }}
}

func rate(key, label string, v func(f app.Figures) Cell) Column {
	return Column{Key: key, Label: label, Kind: Rate, value: v}
}

// The figure columns the dashboards' tables are made of. Rates divide
// the period's sums, never average daily rates.
var (
	colCustomers    = count("customers", "客户数", func(f app.Figures) int64 { return f.Customers })
	colAdds         = count("adds", "添加", func(f app.Figures) int64 { return f.Adds })
	colEnds         = count("ends", "流失", func(f app.Figures) int64 { return f.Ends })
	colRemovals     = count("removals", "删除客户", func(f app.Figures) int64 { return f.Removals })
	colNet          = count("net", "净增", func(f app.Figures) int64 { return f.Net() })
	colWelcomeRate  = rate("welcome_rate", "欢迎语成功率", func(f app.Figures) Cell { return Share(f.WelcomesSent, f.Welcomes) })
	colTasksDue     = count("tasks_due", "待办到期", func(f app.Figures) int64 { return f.TasksDue })
	colTasksDone    = count("tasks_done", "待办完成", func(f app.Figures) int64 { return f.TasksDone })
	colTasksOverdue = count("tasks_overdue", "逾期", func(f app.Figures) int64 { return f.TasksOverdue })
	colTaskRate     = rate("task_rate", "待办按时率", taskRate)
	colMSTasks      = count("ms_tasks", "群发任务", func(f app.Figures) int64 { return f.MSTasks })
	colMSConfirmed  = count("ms_confirmed", "已确认", func(f app.Figures) int64 { return f.MSConfirmed })
	colConfirmRate  = rate("confirm_rate", "群发确认率", func(f app.Figures) Cell { return Share(f.MSConfirmed, f.MSTasks) })
	colMSPlanned    = count("ms_planned", "计划触达", func(f app.Figures) int64 { return f.MSPlanned })
	colMSDelivered  = count("ms_delivered", "已送达", func(f app.Figures) int64 { return f.MSDelivered })
	colDeliveryRate = rate("delivery_rate", "群发送达率", func(f app.Figures) Cell { return Share(f.MSDelivered, f.MSPlanned) })
	colSOPDue       = count("sop_due", "SOP 到期", func(f app.Figures) int64 { return f.SOPDue })
	colSOPDone      = count("sop_done", "SOP 完成（自报）", func(f app.Figures) int64 { return f.SOPDone })
	colSOPRate      = rate("sop_rate", "SOP 完成率（自报）", func(f app.Figures) Cell { return Share(f.SOPDone, f.SOPDue) })
	colOrders       = count("orders", "订单", func(f app.Figures) int64 { return f.Orders })
	colSales        = money("sales", "销售额", func(f app.Figures) int64 { return f.SalesCents })
	colRefunds      = money("refunds", "退款", func(f app.Figures) int64 { return f.RefundCents })
	colRevenue      = money("revenue", "业绩净额", func(f app.Figures) int64 { return f.NetCents() })
	colFirstOrders  = count("first_orders", "首单", func(f app.Figures) int64 { return f.FirstOrders })
	colConversion   = rate("conversion", "首单转化率", func(f app.Figures) Cell { return Share(f.FirstOrders, f.Adds) })
	colHelps        = count("helps", "裂变助力", func(f app.Figures) int64 { return f.Helps })
	colReplyRate    = rate("reply_rate", "回复率", replyRate)
	colReplyMinutes = Column{Key: "reply_minutes", Label: "平均首次回复（分钟）", Kind: Minutes, value: replyMinutes}
	colChats        = count("chats", "聊天数", func(f app.Figures) int64 { return f.ChatCnt })
)

// taskRate is the share of tasks due that were done on time.
func taskRate(f app.Figures) Cell {
	if f.TasksDue == 0 {
		return Cell{}
	}
	return Of(f.TaskRate())
}

// replyRate is WeCom's reply percentage over the guide-days with one.
func replyRate(f app.Figures) Cell {
	if f.ReplyPctN == 0 {
		return Cell{}
	}
	return Of(f.ReplyRate())
}

func replyMinutes(f app.Figures) Cell {
	if f.ReplyTimeN == 0 {
		return Cell{}
	}
	return Of(f.ReplyMinutes())
}

// GuideColumns are 导购排行's columns.
var GuideColumns = []Column{colCustomers, colAdds, colEnds, colNet, colWelcomeRate, colTaskRate, colOrders, colRevenue,
	colFirstOrders, colHelps, colReplyRate, colReplyMinutes}

// StoreColumns are 门店对比's columns.
var StoreColumns = []Column{colCustomers, colAdds, colEnds, colRemovals, colNet, colWelcomeRate, colTaskRate, colConfirmRate,
	colOrders, colSales, colRefunds, colRevenue, colFirstOrders, colHelps, colReplyRate}

// ExecutionColumns are 执行's columns: mass sends, SOP (as the owners
// reported it) and guide tasks.
var ExecutionColumns = []Column{colMSTasks, colMSConfirmed, colConfirmRate, colMSPlanned, colMSDelivered, colDeliveryRate,
	colSOPDue, colSOPDone, colSOPRate, colTasksDue, colTasksDone, colTasksOverdue, colTaskRate}

// ChannelColumns are 渠道效果's columns; a channel's money is what its
// customers' orders paid (not credit).
var ChannelColumns = []Column{colAdds, colWelcomeRate, colFirstOrders, colConversion, colOrders, colSales, colRefunds,
	money("revenue", "成交净额", func(f app.Figures) int64 { return f.NetCents() })}

// DailyColumns are 总览's day-by-day table.
var DailyColumns = []Column{colAdds, colEnds, colRemovals, colNet, colCustomers, colOrders, colRevenue, colHelps, colChats}
