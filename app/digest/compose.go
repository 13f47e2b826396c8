package digest

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// maxBody keeps a textcard's description under WeCom's 512 bytes.
const maxBody = 480

// compose writes manager m's digest of day: their store's figures of the
// day beside the day before, and the link to the store's dashboard.
func (s *Service) compose(ctx context.Context, corp *app.Corp, day time.Time, m manager) (*app.DigestSend, error) {
	cur, err := s.figures(ctx, corp.ID, m.Store.ID, day)
	if err != nil {
		return nil, err
	}
	prev, err := s.figures(ctx, corp.ID, m.Store.ID, day.AddDate(0, 0, -1))
	if err != nil {
		return nil, err
	}
	key := day.Format(time.DateOnly)
	d := &app.DigestSend{CorpID: corp.ID, Day: key, UserID: m.UserID, StoreID: m.Store.ID, Status: app.DigestClaimed,
		Title: fmt.Sprintf("%s %d月%d日经营日报", m.Store.Name, day.Month(), day.Day()), Body: Body(cur, prev), CreatedAt: s.Now()}
	if base := strings.TrimRight(s.URL(), "/"); base != "" {
		d.URL = base + "/console/dash/overview?" + url.Values{"from": {key}, "to": {key}}.Encode()
	}
	return d, nil
}

// figures are storeID's aggregates of day (zero when nothing happened).
func (s *Service) figures(ctx context.Context, corpID, storeID int64, day time.Time) (app.Figures, error) {
	key := day.Format(time.DateOnly)
	rows, err := s.Stats.StatTotals(ctx, app.StatsQuery{CorpID: corpID, Dim: app.StatStore, StoreID: storeID,
		Keys: []string{strconv.FormatInt(storeID, 10)}, From: key, To: key})
	var f app.Figures
	for _, r := range rows {
		f.Add(r.Figures)
	}
	return f, err
}

// Body is a digest's lines (a textcard's description): adds, 流失 and net
// against the day before, welcome and task rates, mass sends, credited
// revenue and referral helps, as many as the card holds.
func Body(cur, prev app.Figures) string {
	lines := []string{
		fmt.Sprintf("新增客户 %d（前日 %d）｜流失 %d｜净增 %d", cur.Adds, prev.Adds, cur.Ends, cur.Net()),
		fmt.Sprintf("归属业绩 %s（%d 单，前日 %s）", app.Yuan(cur.NetCents()), cur.Orders, app.Yuan(prev.NetCents())),
		fmt.Sprintf("欢迎语发送 %s｜待办按时 %s", pct(cur.WelcomesSent, cur.Welcomes), pct(cur.TasksDue-cur.TasksOverdue, cur.TasksDue)),
		fmt.Sprintf("群发确认 %d/%d｜送达 %d 人", cur.MSConfirmed, cur.MSTasks, cur.MSDelivered),
		fmt.Sprintf("裂变助力 %d｜社群SOP完成 %d/%d（自报）", cur.Helps, cur.SOPDone, cur.SOPDue),
	}
	var b strings.Builder
	for _, l := range lines {
		div := `<div class="normal">` + html.EscapeString(l) + "</div>"
		if b.Len()+len(div) > maxBody {
			break
		}
		b.WriteString(div)
	}
	return b.String()
}

// pct is num/den as a whole percentage, "—" when nothing was due.
func pct(num, den int64) string {
	if den == 0 {
		return "—"
	}
	return strconv.FormatInt((num*100+den/2)/den, 10) + "%"
}
