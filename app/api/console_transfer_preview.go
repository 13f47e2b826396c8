package api

import (
	"context"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Preview pages: the customers listed per page, the refusals listed at
// most, and the sample of names shown per takeover guide.
const (
	transferPreviewPage    = 50
	transferPreviewRefused = 200
	transferPreviewSample  = 5
)

// transferPreviewView shows who would go to whom before anything is sent.
type transferPreviewView struct {
	Values             map[string]string // the confirm form's hidden fields
	Back               string            // the form again, as filled in
	Digest             string
	From, Store, To    string
	Mode, ModeName     string
	RuleName, Message  string
	AutoMode           bool // the mode follows the guide's status
	Customers, Refused int  // in all; Refused are not sent
	Sending            int
	Takers             []transferTakerRow
	Taker, TakerName   string // the takeover guide the list is narrowed to
	AllLink            string // the list not narrowed
	Rows               []transferPreviewRow
	RefusedRows        []transferPreviewRow
	MoreRefused        int
	Groups             []transferGroupRow
	Pager              pager
	Error              string // why the confirmed start was not made
	Warning            string // what WeCom may still refuse
}

// transferTakerRow is one takeover guide's share.
type transferTakerRow struct {
	app.TakerPreview
	Name, Store, Link string
	Sample            []string
}

// transferPreviewRow is one customer and where they would go.
type transferPreviewRow struct {
	ExternalUserID, Name, To, Reason string
	Refused                          bool
}

// transferGroupRow is one group chat of a transfer and its new owner.
type transferGroupRow struct {
	app.TransferGroup
	Name, To, StateName string
}

func (s *server) renderTransferPreview(c *gin.Context, status int, v map[string]string, pv *app.TransferPreview, why string) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	pg, offset := pageNumber(c, transferPreviewPage)
	out := transferPreviewView{Values: v, Back: "/console/transfers/new?" + transferQuery(v), Digest: pv.Digest, Mode: pv.Mode,
		ModeName: transferModeNames[pv.Mode], RuleName: transferRuleNames[pv.Rule], Message: pv.Message, AutoMode: v["mode"] == "",
		Taker: c.Query("taker"), Error: why}
	shown := pv.Items
	if out.Taker != "" {
		shown = nil
		for _, it := range pv.Items {
			if it.ToUserID == out.Taker {
				shown = append(shown, it)
			}
		}
	}
	page := shown[min(offset, len(shown)):min(offset+transferPreviewPage, len(shown))]
	if err := s.namePreview(ctx, corpID, pv, page, &out); err != nil {
		s.consoleError(c, err)
		return
	}
	if pv.Mode == app.TransferResigned && !pv.FromLeft {
		out.Warning = "该导购在私域中仍是在职状态：若其尚未在企业微信离职，企业微信会拒绝离职继承，这些客户将转接失败。请改用在职继承，或先在企业微信和“门店与导购”中办理离职。"
	}
	out.AllLink = "/console/transfers/preview?" + transferQuery(v)
	out.Pager = previewPager(out.AllLink, out.Taker, pg, offset+transferPreviewPage < len(shown))
	for i, tp := range out.Takers {
		out.Takers[i].Link = out.AllLink + "&" + url.Values{"taker": {tp.UserID}}.Encode()
		if tp.UserID == out.Taker {
			out.TakerName = tp.Name
		}
	}
	s.render(c, status, "console_transfer_preview.html", s.view(c, "转接预览", "transfers", out))
}

// namePreview reads every name the preview shows at once and fills the
// takers, the page of customers, the refusals and the groups.
func (s *server) namePreview(ctx context.Context, corpID int64, pv *app.TransferPreview, page []app.TransferItem, out *transferPreviewView) error {
	users := []string{pv.FromUserID, pv.ToUserID}
	stores := []*int64{&pv.FromStoreID}
	for i, tp := range pv.Takers {
		users, stores = append(users, tp.UserID), append(stores, &pv.Takers[i].StoreID)
	}
	sample, exts := out.collect(pv)
	for _, it := range page {
		exts = append(exts, it.ExternalUserID)
	}
	var chats []string
	for _, g := range pv.Groups {
		chats = append(chats, g.ChatID)
	}
	n, err := s.readTransferNames(ctx, corpID, users, stores, exts, chats)
	if err != nil {
		return err
	}
	out.From, out.Store, out.To = n.person(pv.FromUserID), n.stores[pv.FromStoreID].Name, n.person(pv.ToUserID)
	for _, tp := range pv.Takers {
		r := transferTakerRow{TakerPreview: tp, Name: n.person(tp.UserID), Store: n.stores[tp.StoreID].Name}
		for _, ext := range sample[tp.UserID] {
			r.Sample = append(r.Sample, n.customer(ext))
		}
		out.Takers = append(out.Takers, r)
	}
	for i, r := range out.RefusedRows {
		out.RefusedRows[i].Name, out.RefusedRows[i].To = n.customer(r.ExternalUserID), n.person(r.To)
	}
	for _, it := range page {
		out.Rows = append(out.Rows, transferPreviewRow{ExternalUserID: it.ExternalUserID, Name: n.customer(it.ExternalUserID),
			To: n.person(it.ToUserID), Refused: it.State == app.ItemRefused, Reason: transferReason(it)})
	}
	out.Groups = n.transferGroupRows(pv.Groups)
	return nil
}

// collect counts the customers and refusals, keeps the first refusals
// and a few customers per takeover guide, and returns those customers.
func (out *transferPreviewView) collect(pv *app.TransferPreview) (sample map[string][]string, exts []string) {
	sample = map[string][]string{}
	for _, it := range pv.Items {
		switch {
		case it.State == app.ItemRefused:
			out.Refused++
			if len(out.RefusedRows) < transferPreviewRefused {
				exts, out.RefusedRows = append(exts, it.ExternalUserID), append(out.RefusedRows, transferPreviewRow{ExternalUserID: it.ExternalUserID, To: it.ToUserID})
			}
		case len(sample[it.ToUserID]) < transferPreviewSample:
			sample[it.ToUserID] = append(sample[it.ToUserID], it.ExternalUserID)
			exts = append(exts, it.ExternalUserID)
		}
	}
	out.Customers, out.MoreRefused = len(pv.Items), out.Refused-len(out.RefusedRows)
	out.Sending = out.Customers - out.Refused
	return sample, exts
}

// previewPager links the preview's pages. It builds on the preview's own
// address, not the request's: a refused confirm shows the preview from
// the form's post.
func previewPager(base, taker string, page int, more bool) pager {
	link := func(n int) string {
		q := url.Values{"page": {strconv.Itoa(n)}}
		if taker != "" {
			q.Set("taker", taker)
		}
		return base + "&" + q.Encode()
	}
	p := pager{Page: page}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if more {
		p.Next = link(page + 1)
	}
	return p
}
