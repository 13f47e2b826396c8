package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// transferFields are the form's fields; the preview carries them in its
// URL and the confirm form in hidden inputs.
var transferFields = []string{"store", "userid", "mode", "rule", "takeover_store", "takeover_userid", "message"}

// transferForm is the form's data: what was chosen, why it was refused,
// and the choices (a store manager's own store only).
type transferForm struct {
	formView
	Stores []app.Store
	Guides []transferGuide // of the chosen store, active and left
	Takers []transferGuide // active guides of the chosen takeover store
	Scoped bool
}

// readTransferValues reads the form's fields with get (the URL's or the
// posted form's); the rule defaults to the store's guides in turn.
func readTransferValues(get func(string) string) map[string]string {
	v := map[string]string{}
	for _, f := range transferFields {
		v[f] = strings.TrimSpace(get(f))
	}
	if v["rule"] == "" {
		v["rule"] = app.TransferRoundRobin
	}
	return v
}

// transferRequest is the request the values ask for, with what the form
// itself refuses (in words for the form, before the service's).
func transferRequest(c *gin.Context, v map[string]string) (app.StartTransfer, app.Fields) {
	req := app.StartTransfer{CorpID: caller(c).CorpID, UserID: v["userid"], Mode: v["mode"], Rule: v["rule"], Message: v["message"], By: *caller(c)}
	if req.Rule == app.TransferToGuide {
		req.ToUserID = v["takeover_userid"]
	}
	var bad app.Fields
	bad.Check(req.UserID == "", "userid", "请选择要转出客户的导购")
	bad.Check(req.Rule == app.TransferToGuide && req.ToUserID == "", "takeover_userid", "指定导购接替时请选择接替导购")
	bad.Check(req.Mode == app.TransferResigned && req.Message != "", "message", "离职继承不发送提示语，请清空或改为在职继承")
	bad.Check(utf8.RuneCountInString(req.Message) > 200, "message", "提示语不能超过 200 个字")
	return req, bad
}

func (s *server) transferFormPage(c *gin.Context) {
	s.renderTransferForm(c, http.StatusOK, transferForm{formView: formView{Values: readTransferValues(c.Query)}})
}

func (s *server) renderTransferForm(c *gin.Context, status int, f transferForm) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	own, err := s.scopeStore(c)
	if err == nil {
		f.Stores, err = s.transferStores(c, own)
	}
	v := f.Values
	if err == nil && own != nil {
		f.Scoped, v["store"], v["takeover_store"] = true, strconv.FormatInt(own.ID, 10), strconv.FormatInt(own.ID, 10)
	}
	if err == nil && v["store"] == "" && len(f.Stores) > 0 {
		v["store"] = strconv.FormatInt(f.Stores[0].ID, 10)
	}
	if v["takeover_store"] == "" {
		v["takeover_store"] = v["store"]
	}
	if err == nil {
		f.Guides, err = s.transferGuideChoicesOf(ctx, corpID, formInt64(v["store"]), "")
	}
	if err == nil {
		f.Takers, err = s.transferGuideChoicesOf(ctx, corpID, formInt64(v["takeover_store"]), app.GuideActive)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, status, "console_transfer_form.html", s.view(c, "发起转接", "transfers", f))
}

// transferStores are the stores the form offers: a store manager's own,
// else every open store.
func (s *server) transferStores(c *gin.Context, own *app.Store) ([]app.Store, error) {
	if own != nil {
		return []app.Store{*own}, nil
	}
	all, err := s.allStores(c.Request.Context(), caller(c).CorpID)
	var open []app.Store
	for _, st := range all {
		if st.Status == app.StoreOpen {
			open = append(open, st)
		}
	}
	return open, err
}

// transferGuideChoices answers the guide select of another store, for
// htmx to swap into the form: the leaver's (active and left guides) or
// the takeover guide's (active only). A store manager gets their own.
func (s *server) transferGuideChoices(c *gin.Context) {
	field, store, status := "userid", c.Query("store"), ""
	if c.Query("field") == "takeover_userid" {
		field, store, status = "takeover_userid", c.Query("takeover_store"), app.GuideActive
	}
	own, err := s.scopeStore(c)
	id := formInt64(store)
	if own != nil {
		id = own.ID
	}
	var gs []transferGuide
	if err == nil {
		gs, err = s.transferGuideChoicesOf(c.Request.Context(), caller(c).CorpID, id, status)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	c.HTML(http.StatusOK, "transfer_guide_select", transferGuideSelect{Field: field, Guides: gs})
}

// transferGuideSelect is one guide select of the form.
type transferGuideSelect struct {
	Field, Chosen string
	Guides        []transferGuide
}

// LeaverSelect is the select of the guide handing over.
func (f transferForm) LeaverSelect() transferGuideSelect {
	return transferGuideSelect{Field: "userid", Chosen: f.Values["userid"], Guides: f.Guides}
}

// TakerSelect is the select of the takeover guide.
func (f transferForm) TakerSelect() transferGuideSelect {
	return transferGuideSelect{Field: "takeover_userid", Chosen: f.Values["takeover_userid"], Guides: f.Takers}
}

// transferPreviewPage lays out the transfer the form asks for, without
// storing or sending anything; a refused request goes back to the form
// with every reason next to its field.
func (s *server) transferPreviewPage(c *gin.Context) {
	v := readTransferValues(c.Query)
	req, bad := transferRequest(c, v)
	pv, err := s.d.Transfers.PreviewTransfer(c.Request.Context(), req)
	if len(bad) > 0 {
		err = joinFields(bad, err)
	}
	if err != nil {
		s.renderTransferForm(c, StatusOf(app.ErrorCode(err)), transferForm{formView: formView{Values: v, Errors: transferErrors(err)}})
		return
	}
	s.renderTransferPreview(c, http.StatusOK, v, pv, "")
}

// startTransferForm starts the transfer a person confirmed on the
// preview. If the plan changed since (the digest differs), or anything
// else refuses it, the preview is shown again as it stands now.
func (s *server) startTransferForm(c *gin.Context) {
	v := readTransferValues(c.PostForm)
	req, bad := transferRequest(c, v)
	req.Expect = c.PostForm("expect")
	var t *app.Transfer
	err := bad.Err()
	if err == nil {
		t, err = s.d.Transfers.StartTransfer(c.Request.Context(), req)
	}
	if err == nil {
		s.done(c, "/console/transfers/"+strconv.FormatInt(t.ID, 10), "已发起转接，客户将按预览分给接替导购")
		return
	}
	req.Expect = ""
	pv, perr := s.d.Transfers.PreviewTransfer(c.Request.Context(), req)
	if perr != nil || len(bad) > 0 {
		err = firstOf(perr, err)
		if len(bad) > 0 {
			err = joinFields(bad, err)
		}
		s.renderTransferForm(c, StatusOf(app.ErrorCode(err)), transferForm{formView: formView{Values: v, Errors: transferErrors(err)}})
		return
	}
	s.renderTransferPreview(c, StatusOf(app.ErrorCode(err)), v, pv, app.ErrorMessage(err))
}

// transferErrors files the service's refusals under the form's fields: a
// running transfer of the guide is about the guide chosen.
func transferErrors(err error) map[string]string {
	out := formErrors(err)
	if app.ErrorCode(err) == app.ECONFLICT && out[""] != "" {
		out["userid"] = out[""]
		delete(out, "")
	}
	return out
}

// transferQuery is the values as a URL query, for links back to the form.
func transferQuery(v map[string]string) string {
	q := url.Values{}
	for _, f := range transferFields {
		if v[f] != "" {
			q.Set(f, v[f])
		}
	}
	return q.Encode()
}

func formInt64(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}
