package api

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// massSendView is a send's page: what it is, its progress per guide, its
// customers (narrowed by outcome), and the reminders left.
type massSendView struct {
	Send          massSendInfo
	Guides        []massGuideRow
	Outcome       string
	Outcomes      []consoleOption
	Rows          []massResultRow
	Total         int64
	First, Next   string
	RemindersLeft int64
}

// massGuideRow is one guide's part of a send.
type massGuideRow struct {
	Name                  string
	Chunks, Confirmed     int64
	Results               []massCount
	AllConfirmed, Pending bool
}

// massResultRow is one customer of a send, by name, with the outcome in
// Chinese.
type massResultRow struct {
	app.MassSendRecipient
	Name, Guide, Outcome string
}

// massOutcomes are the results page's filter: WeCom's outcomes, and the
// customers left out before sending.
var massOutcomes = []consoleOption{{Value: "", Label: "全部"}, {Value: app.ResultSent, Label: "已发送"}, {Value: app.ResultNotFriend, Label: "非好友"},
	{Value: app.ResultOverLimit, Label: "超出接收上限"}, {Value: app.ResultNotIncluded, Label: "未发送"}, {Value: app.ResultCancelled, Label: "已取消"},
	{Value: "excluded", Label: "发送前排除"}}

func (s *server) massSendPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	ms, err := s.d.MassSends.Get(ctx, corpID, pathID(c))
	v := massSendView{Outcome: c.Query("outcome"), Outcomes: massOutcomes}
	if err == nil {
		v.Send, err = s.massSendInfoOf(c, ms)
	}
	if err == nil {
		err = s.massProgress(ctx, corpID, ms.ID, &v)
	}
	if err == nil {
		err = s.massResults(c, ms.ID, &v)
	}
	if err == nil && s.d.MassSendReminders != nil {
		var left *int64
		left, err = s.remindersLeft(ctx, corpID, ms.ID)
		v.RemindersLeft = *left
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, http.StatusOK, "console_masssend.html", s.view(c, "群发 · "+ms.Name, "masssends", v))
}

// massProgress fills the guides' rows, by name.
func (s *server) massProgress(ctx context.Context, corpID, id int64, v *massSendView) error {
	ps, err := s.d.MassSends.Progress(ctx, corpID, id)
	var people map[string]string
	if err == nil {
		people, err = s.d.Names.People(ctx, corpID, guidesOfProgress(ps))
	}
	order := []string{app.ResultSent, app.ResultNotFriend, app.ResultOverLimit, app.ResultNotIncluded, app.ResultCancelled, ""}
	for _, p := range ps {
		var chunks int64
		for _, n := range p.Chunks {
			chunks += n
		}
		v.Guides = append(v.Guides, massGuideRow{Name: personName(people, p.UserID), Chunks: chunks, Confirmed: p.Confirmed,
			Results: massCounts(order, massResultNames, p.Results), AllConfirmed: chunks > 0 && p.Confirmed == chunks, Pending: p.Results[""] > 0})
	}
	return err
}

// massResults fills one page of the send's customers, by name.
func (s *server) massResults(c *gin.Context, id int64, v *massSendView) error {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	f := app.MassSendResultFilter{Page: app.Page{After: after, Limit: massResultPageSize}}
	switch {
	case v.Outcome == "excluded":
	case v.Outcome != "" && massResultNames[v.Outcome] == "":
		return app.FieldInvalid("outcome", "没有这种发送结果")
	case v.Outcome != "":
		f.Result, f.Targeted = v.Outcome, true
	}
	list, total, err := s.d.MassSends.Results(ctx, corpID, id, f)
	if v.Outcome == "excluded" && err == nil {
		list, total, err = s.excludedPage(ctx, corpID, id, f)
	}
	var exts, users []string
	for _, r := range list {
		exts, users = append(exts, r.ExternalUserID), append(users, r.UserID)
	}
	var names, people map[string]string
	switch {
	case err == nil && v.Send.ChatType == app.ChatGroup:
		names, err = s.groupNames(ctx, corpID, exts)
	case err == nil:
		names, err = s.d.CustomerNames.CustomerNames(ctx, corpID, exts)
	}
	if err == nil {
		people, err = s.d.Names.People(ctx, corpID, users)
	}
	for _, r := range list {
		v.Rows = append(v.Rows, massResultRow{MassSendRecipient: r, Name: customerName(names, r.ExternalUserID), Guide: personName(people, r.UserID),
			Outcome: massOutcomeName(r)})
	}
	var next int64
	if len(list) == massResultPageSize {
		next = list[len(list)-1].ID
	}
	v.Total = total
	v.First, v.Next = cursorLinks(c, after, next)
	return err
}

// excludedPage pages the customers left out before sending, whatever
// the reason: the store filters one reason at a time, so each is read
// and the page is the first of their union by id.
func (s *server) excludedPage(ctx context.Context, corpID, id int64, f app.MassSendResultFilter) ([]app.MassSendRecipient, int64, error) {
	var all []app.MassSendRecipient
	var total int64
	for _, reason := range app.ExcludeReasons {
		f.Excluded = reason
		list, n, err := s.d.MassSends.Results(ctx, corpID, id, f)
		if err != nil {
			return nil, 0, err
		}
		all, total = append(all, list...), total+n
	}
	slices.SortFunc(all, func(a, b app.MassSendRecipient) int { return cmp.Compare(a.ID, b.ID) })
	return all[:min(len(all), f.Limit)], total, nil
}

// groupNames names a group send's groups; one without a name reads as
// WeCom shows it, never as its chat id.
func (s *server) groupNames(ctx context.Context, corpID int64, chats []string) (map[string]string, error) {
	names, err := s.d.CustomerNames.GroupNames(ctx, corpID, chats)
	for _, c := range chats {
		if names != nil && names[c] == "" {
			names[c] = "未命名客户群"
		}
	}
	return names, err
}

// massOutcomeName is a customer's outcome in Chinese: why they were left
// out, or what WeCom reports.
func massOutcomeName(r app.MassSendRecipient) string {
	if r.Excluded != "" {
		return "未发送：" + massExcludeNames[r.Excluded]
	}
	return massResultNames[r.Result]
}

// customerName is a customer's name, never their external_userid.
func customerName(names map[string]string, ext string) string {
	if n := names[ext]; n != "" {
		return n
	}
	return "（未知姓名）"
}
