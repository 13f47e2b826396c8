package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// transferItemPage is the customers one page of a transfer lists.
const transferItemPage = 50

// transferView is a transfer's page: what it is, its progress, its
// customers (narrowed by state) and its groups.
type transferView struct {
	Row      transferRow
	Progress transferProgressView
	Groups   []transferGroupRow
	Items    []transferItemRow
	State    string
	States   []transferStateChoice
	Next     string
	First    bool
	Export   string
}

// transferProgressView is the part of the page htmx refreshes while the transfer
// runs: counts, the bar, and the cancel button while something is unsent.
type transferProgressView struct {
	ID        int64
	Running   bool
	Status    string
	Progress  transferCounts
	Unsent    int // customers and groups not sent to WeCom yet
	CanCancel bool
	Poll      string // how often htmx refreshes it: often while sending, then slower for WeCom's 24 hours
	CSRF      string
}

// transferStateChoice is one state the items may be narrowed to, with its count.
type transferStateChoice struct {
	State, Label, URL string
	N                 int
	On                bool
}

// transferItemRow is one customer of a transfer, by names, in Chinese.
type transferItemRow struct {
	app.TransferItem
	Name, To, StateName, StateClass, Reason string
	Task                                    *transferFollowUp
}

// transferFollowUp is the task a flagged customer became: whose, and where
// it stands.
type transferFollowUp struct {
	Who, Status string
	Overdue     bool
}

func (s *server) transferPage(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	t, groups, err := s.d.Transfers.FindTransfer(ctx, p.CorpID, pathID(c), *p)
	var v transferView
	if err == nil {
		err = s.fillTransfer(c, t, groups, &v)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, http.StatusOK, "console_transfer.html", s.view(c, "转接 #"+strconv.FormatInt(t.ID, 10)+" · "+v.Row.From, "transfers", v))
}

// fillTransfer reads the page's items and names everything on it.
func (s *server) fillTransfer(c *gin.Context, t *app.Transfer, groups []app.TransferGroup, v *transferView) error {
	ctx, p := c.Request.Context(), caller(c)
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	v.State, v.First = c.Query("state"), after == 0
	items, next, err := s.d.Transfers.ListTransferItems(ctx, p.CorpID, t.ID, *p, app.TransferFilter{Page: app.Page{After: after, Limit: transferItemPage}, State: v.State})
	if err != nil {
		return err
	}
	rows, err := s.transferRows(ctx, p.CorpID, []app.Transfer{*t})
	if err != nil {
		return err
	}
	v.Row, v.Progress = rows[0], s.progressOfTransfer(c, t, groups)
	v.States = transferStateChoices(c, t)
	v.Export = "/console/transfers/" + strconv.FormatInt(t.ID, 10) + "/export?" + url.Values{"state": {v.State}}.Encode()
	if next != 0 {
		q := c.Request.URL.Query()
		q.Set("after", strconv.FormatInt(next, 10))
		v.Next = c.Request.URL.Path + "?" + q.Encode()
	}
	v.Items, v.Groups, err = s.transferItemRows(ctx, p, items, groups)
	return err
}

func (s *server) progressOfTransfer(c *gin.Context, t *app.Transfer, groups []app.TransferGroup) transferProgressView {
	pv := transferProgressView{ID: t.ID, Running: t.Status == app.TransferRunning, Status: transferStatusNames[t.Status], Progress: transferCountsOf(t.Counts),
		Unsent: t.Counts[app.ItemPending], CSRF: csrfFor(c.GetString(consoleSecretKey))}
	for _, g := range groups {
		if g.State == app.GroupPending {
			pv.Unsent++
		}
	}
	pv.CanCancel = pv.Running && pv.Unsent > 0 && !app.ReadOnly(caller(c).Role)
	pv.Poll = "30s"
	if pv.Unsent > 0 || t.Counts[app.ItemSent] > 0 {
		pv.Poll = "3s"
	}
	return pv
}

// transferStateChoices are the item filter's links: every state with items, and
// all of them.
func transferStateChoices(c *gin.Context, t *app.Transfer) []transferStateChoice {
	base := "/console/transfers/" + strconv.FormatInt(t.ID, 10)
	on := c.Query("state")
	out := []transferStateChoice{{Label: "全部", URL: base, N: transferCountsOf(t.Counts).Total, On: on == ""}}
	for _, st := range transferStateOrder {
		if n := t.Counts[st]; n > 0 || on == st {
			out = append(out, transferStateChoice{State: st, Label: app.ItemStateLabel(st), URL: base + "?state=" + st, N: n, On: on == st})
		}
	}
	return out
}

// transferItemRows names the items and groups and finds each flagged customer's
// follow-up task.
func (s *server) transferItemRows(ctx context.Context, p *app.Principal, items []app.TransferItem, groups []app.TransferGroup) ([]transferItemRow, []transferGroupRow, error) {
	tasks, err := s.transferFollowUps(ctx, p, items)
	if err != nil {
		return nil, nil, err
	}
	var users, exts, chats []string
	for _, it := range items {
		users, exts = append(users, it.ToUserID), append(exts, it.ExternalUserID)
	}
	for _, t := range tasks {
		users = append(users, t.UserID)
	}
	for _, g := range groups {
		users, chats = append(users, g.ToUserID), append(chats, g.ChatID)
	}
	n, err := s.readTransferNames(ctx, p.CorpID, users, nil, exts, chats)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]transferItemRow, len(items))
	for i, it := range items {
		rows[i] = transferItemRow{TransferItem: it, Name: n.customer(it.ExternalUserID), To: n.person(it.ToUserID), StateName: app.ItemStateLabel(it.State),
			StateClass: transferStateClass(it.State), Reason: transferReason(it)}
		if t, ok := tasks[it.ID]; ok {
			rows[i].Task = &transferFollowUp{Who: n.person(t.UserID), Status: transferTaskStatusNames[t.Status], Overdue: t.Overdue(time.Now())}
		}
	}
	return rows, n.transferGroupRows(groups), nil
}
