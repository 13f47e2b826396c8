package db

import (
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// memberKey joins a member's WeCom customers: an identity of kind
// external_userid names each.
const memberKey = " JOIN member_identities mi ON mi.corp_id = %s.corp_id AND mi.member_id = %s.member_id AND mi.kind = 'external_userid'"

// source is the rows the trigger of d's journey starts occurrences from
// on d's anchor date. Times are UTC: the anchor day runs from its
// midnight in the corp's zone to the next.
func (s *JourneyStore) source(d app.JourneyDue) dueSource {
	j, from, to := d.Journey, d.Anchor.UTC(), d.Anchor.AddDate(0, 0, 1).UTC()
	switch j.Trigger.Kind {
	case app.TriggerAdded:
		return dueSource{from: "follows f", key: "f.external_userid", occurrence: "'" + d.Anchor.Format("2006-01-02") + "'",
			where: "f.corp_id = ? AND f.deleted_at IS NULL AND f.add_time >= ? AND f.add_time < ?", args: []any{j.CorpID, from, to}}
	case app.TriggerBirthday:
		return dueSource{from: "members m JOIN member_identities mi ON mi.corp_id = m.corp_id AND mi.member_id = m.id AND mi.kind = 'external_userid'",
			key: "mi.value", occurrence: "'" + d.Anchor.Format("2006") + "'",
			where: "m.corp_id = ? AND m.status = 'active' AND SUBSTR(m.birthday, 6, 5) IN ?", args: []any{j.CorpID, birthdays(d)}}
	case app.TriggerHoliday:
		return everyone(j, "'"+d.Anchor.Format("2006")+"'")
	case app.TriggerMemberDay:
		return everyone(j, "'"+d.Anchor.Format("2006-01")+"'")
	case app.TriggerStage, app.TriggerRFMClass:
		col := "stage"
		if j.Trigger.Kind == app.TriggerRFMClass {
			col = "class"
		}
		return dueSource{from: "rfm_changes rc" + fmt.Sprintf(memberKey, "rc", "rc"), key: "mi.value", occurrence: s.text("rc.id"),
			where: "rc.corp_id = ? AND rc.at >= ? AND rc.at < ? AND rc.to_" + col + " = ? AND rc.from_" + col + " <> rc.to_" + col,
			args:  []any{j.CorpID, from, to, j.Trigger.To}}
	}
	return s.orderSource(d, from, to)
}

// orderSource is the order triggers' rows: sales and refunds paid on the
// anchor day, of a member with WeCom customers.
func (s *JourneyStore) orderSource(d app.JourneyDue, from, to time.Time) dueSource {
	j := d.Journey
	src := dueSource{from: "orders od" + fmt.Sprintf(memberKey, "od", "od"), key: "mi.value", occurrence: s.text("od.id"),
		where: "od.corp_id = ? AND od.kind = ? AND od.paid_at >= ? AND od.paid_at < ?", args: []any{j.CorpID, app.OrderSale, from, to}}
	other := " AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.corp_id = od.corp_id AND o2.member_id = od.member_id AND o2.kind = 'sale' AND "
	switch j.Trigger.Kind {
	case app.TriggerFirstOrder: // no earlier sale
		src.where += other + "(o2.paid_at < od.paid_at OR (o2.paid_at = od.paid_at AND o2.id < od.id)))"
		src.occurrence = "'first'"
	case app.TriggerLastOrder: // no later sale by the time the step is due
		src.where += other + "(o2.paid_at > od.paid_at OR (o2.paid_at = od.paid_at AND o2.id > od.id)))"
	default:
		src.args[1] = app.OrderRefund
	}
	return src
}

// everyone is every owned customer: the holiday and member-day triggers
// reach the whole audience at once.
func everyone(j *app.Journey, occurrence string) dueSource {
	return dueSource{from: "customer_owners o", key: "o.external_userid", occurrence: occurrence, where: "o.corp_id = ?", args: []any{j.CorpID}}
}

// birthdays are the MM-DD birthdays celebrated on the anchor date: a
// 29 February birthday is kept on the 28th in other years.
func birthdays(d app.JourneyDue) []string {
	md := []string{d.Anchor.Format("01-02")}
	if y := d.Anchor.Year(); md[0] == "02-28" && time.Date(y, 2, 29, 0, 0, 0, 0, time.UTC).Month() != 2 {
		md = append(md, "02-29")
	}
	return md
}
