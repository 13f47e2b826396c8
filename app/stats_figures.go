package app

// Add sums o into f, every field. Customers is a snapshot: summing one
// day's keys is right, but a period over days must keep the last day's
// value instead (StatTotals does).
func (f *Figures) Add(o Figures) {
	f.Adds += o.Adds
	f.Ends += o.Ends
	f.Removals += o.Removals
	f.Welcomes += o.Welcomes
	f.WelcomesSent += o.WelcomesSent
	f.TasksDue += o.TasksDue
	f.TasksDone += o.TasksDone
	f.TasksOverdue += o.TasksOverdue
	f.MSTasks += o.MSTasks
	f.MSConfirmed += o.MSConfirmed
	f.MSPlanned += o.MSPlanned
	f.MSDelivered += o.MSDelivered
	f.SOPDue += o.SOPDue
	f.SOPDone += o.SOPDone
	f.Orders += o.Orders
	f.SalesCents += o.SalesCents
	f.RefundCents += o.RefundCents
	f.FirstOrders += o.FirstOrders
	f.Helps += o.Helps
	f.addChat(o)
	f.Customers += o.Customers
}

func (f *Figures) addChat(o Figures) {
	f.ChatCnt += o.ChatCnt
	f.MessageCnt += o.MessageCnt
	f.ReplyPctSum += o.ReplyPctSum
	f.ReplyPctN += o.ReplyPctN
	f.ReplyTimeSum += o.ReplyTimeSum
	f.ReplyTimeN += o.ReplyTimeN
	f.NegativeFeedback += o.NegativeFeedback
	f.NewApply += o.NewApply
	f.NewContact += o.NewContact
}

// Net is adds less both kinds of ending (净增).
func (f Figures) Net() int64 { return f.Adds - f.Ends - f.Removals }

// NetCents is credited sales less refunds.
func (f Figures) NetCents() int64 { return f.SalesCents - f.RefundCents }

// Ratio is num/den, 0 when den is 0, so an idle guide reads 0%, not NaN.
func Ratio(num, den int64) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// WelcomeRate is the share of attempted welcomes WeCom accepted.
func (f Figures) WelcomeRate() float64 { return Ratio(f.WelcomesSent, f.Welcomes) }

// TaskRate is the share of tasks due that were done on time.
func (f Figures) TaskRate() float64 { return 1 - Ratio(f.TasksOverdue, f.TasksDue) }

// ConfirmRate is the share of mass-send tasks the guides confirmed.
func (f Figures) ConfirmRate() float64 { return Ratio(f.MSConfirmed, f.MSTasks) }

// DeliveryRate is the share of planned customers a mass send reached.
func (f Figures) DeliveryRate() float64 { return Ratio(f.MSDelivered, f.MSPlanned) }

// SOPRate is the share of SOP steps marked done (self-reported).
func (f Figures) SOPRate() float64 { return Ratio(f.SOPDone, f.SOPDue) }

// ReplyRate is WeCom's reply percentage averaged over the guide-days
// that had one, as a fraction.
func (f Figures) ReplyRate() float64 { return Ratio(f.ReplyPctSum, f.ReplyPctN) / 10000 }

// ReplyMinutes is WeCom's average first-reply time averaged over the
// guide-days that had one.
func (f Figures) ReplyMinutes() float64 { return Ratio(f.ReplyTimeSum, f.ReplyTimeN) / 100 }
