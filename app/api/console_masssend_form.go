package api

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// massLinkSlots are the link cards the form offers (WeCom takes 9
// attachments; cards by link need no upload).
const massLinkSlots = 3

// massSendForm is the form's data: what was typed, why it was refused,
// and the segments and tags to choose from.
type massSendForm struct {
	formView
	Tags     []string // the tag ids chosen
	Segments []consoleOption
	TagSets  []app.TagGroup
	Links    []int
	Groups   massGroupChoices
	// Materials are the kept materials to attach, by name; Chosen the
	// ids ticked.
	Materials []consoleOption
	Chosen    []string
	offered   []app.Material
}

func (s *server) massSendFormPage(c *gin.Context) {
	s.renderMassSendForm(c, http.StatusOK, massSendForm{formView: formView{Values: map[string]string{"kind": app.AudienceSegment, "when": "now", "holdout": "0"}}})
}

func (s *server) renderMassSendForm(c *gin.Context, status int, f massSendForm) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	var err error
	f.Segments, err = s.segmentVersionChoices(ctx, corpID)
	if err == nil && s.d.Customers != nil {
		f.TagSets, err = s.d.Customers.CorpTags(ctx, corpID)
	}
	if err == nil {
		err = s.loadMassGroupChoices(ctx, corpID, &f.Groups)
	}
	if err == nil && f.offered == nil {
		f.offered, err = s.loadMaterials(ctx, corpID)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	for _, m := range f.offered {
		f.Materials = append(f.Materials, consoleOption{Value: strconv.FormatInt(m.ID, 10), Label: materialLabel(m)})
	}
	for i := 1; i <= massLinkSlots; i++ {
		f.Links = append(f.Links, i)
	}
	s.render(c, status, "console_masssend_form.html", s.view(c, "新建群发", "masssends", f))
}

// segmentVersionChoices are every kept snapshot of every segment, by
// name and version ("id:version").
func (s *server) segmentVersionChoices(ctx context.Context, corpID int64) ([]consoleOption, error) {
	if s.d.Segments == nil {
		return nil, nil
	}
	var out []consoleOption
	err := eachPage(func(p app.Page) (int64, error) {
		list, next, err := s.d.Segments.List(ctx, corpID, p)
		for _, g := range list {
			vs, verr := s.d.Segments.Versions(ctx, corpID, g.ID)
			if verr != nil {
				return 0, verr
			}
			for _, v := range vs {
				out = append(out, consoleOption{Value: fmt.Sprintf("%d:%d", g.ID, v.Version), Label: fmt.Sprintf("%s · 第 %d 版（%d 位客户）", g.Name, v.Version, v.Count)})
			}
		}
		return next, err
	})
	return out, err
}

// createMassSendForm saves the send as a draft and shows its preview; a
// refusal goes back to the form with every reason by its field.
func (s *server) createMassSendForm(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	f := massSendForm{formView: formView{Values: map[string]string{}}, Tags: c.PostFormArray("tags")}
	for _, k := range []string{"name", "kind", "segment", "list", "text", "when", "send_at", "holdout", "group_name"} {
		f.Values[k] = strings.TrimSpace(c.PostForm(k))
	}
	for i := 1; i <= massLinkSlots; i++ {
		for _, k := range []string{"link_title_", "link_url_"} {
			f.Values[k+strconv.Itoa(i)] = strings.TrimSpace(c.PostForm(k + strconv.Itoa(i)))
		}
	}
	var err error
	if f.Values["kind"] == app.AudienceTags && s.d.Customers != nil {
		if f.TagSets, err = s.d.Customers.CorpTags(ctx, corpID); err != nil {
			s.consoleError(c, err)
			return
		}
	}
	f.Chosen = c.PostFormArray("materials")
	m, upErr := s.uploadMaterial(c)
	if m != nil {
		f.Chosen = append(f.Chosen, strconv.FormatInt(m.ID, 10))
	}
	if f.offered, err = s.loadMaterials(ctx, corpID); err != nil {
		s.consoleError(c, err)
		return
	}
	in, bad := s.massSendInput(c, f)
	if upErr != nil && app.ErrorCode(upErr) != app.EINVALID {
		s.consoleError(c, upErr)
		return
	}
	bad = append(bad, app.ErrorFields(upErr)...)
	massGroupSelection(c, &in, &f.Groups)
	var ms *app.MassSend
	if len(bad) == 0 {
		ms, err = s.d.MassSends.Create(ctx, corpID, in)
	} else {
		err = joinFields(bad, s.serviceRefusals(ctx, corpID, in))
	}
	if err != nil {
		f.Errors = massFormErrors(err)
		s.renderMassSendForm(c, StatusOf(app.ErrorCode(err)), f)
		return
	}
	s.done(c, fmt.Sprintf("/console/mass-sends/%d/preview", ms.ID), "已保存为草稿，请核对预览后确认发送")
}

// serviceRefusals are the service's own refusals of in, asked for when
// the form already refused something so every reason shows at once. The
// service is asked with an empty name, which it always refuses, so
// nothing is saved; that refusal is dropped unless the name was bad.
func (s *server) serviceRefusals(ctx context.Context, corpID int64, in app.MassSendInput) error {
	name := in.Name
	in.Name, in.Draft = "", true
	_, err := s.d.MassSends.Create(ctx, corpID, in)
	var out app.Fields
	for _, f := range app.ErrorFields(err) {
		if f.Field != "name" || strings.TrimSpace(name) == "" || utf8.RuneCountInString(strings.TrimSpace(name)) > 64 {
			out = append(out, f)
		}
	}
	return out.Err()
}

// massSendInput turns the form into the service's input, with what the
// form itself refuses: a segment choice it cannot read, a time it cannot
// read or that has passed, an upload it cannot read.
func (s *server) massSendInput(c *gin.Context, f massSendForm) (app.MassSendInput, app.Fields) {
	v := f.Values
	in := app.MassSendInput{Name: v["name"], Text: v["text"], Draft: true, Audience: app.MassSendAudience{Kind: v["kind"]}}
	var bad app.Fields
	var err error
	in.HoldoutPercent, err = strconv.Atoi(v["holdout"])
	bad.Check(v["holdout"] != "" && err != nil, "holdout_percent", "对照组比例请填写0到50的整数")
	switch v["kind"] {
	case app.AudienceSegment:
		id, ver, _ := strings.Cut(v["segment"], ":")
		in.Audience.SegmentID, _ = strconv.ParseInt(id, 10, 64)
		in.Audience.SegmentVersion, _ = strconv.Atoi(ver)
	case app.AudienceTags:
		in.Audience.TagGroups = groupTags(f.TagSets, f.Tags)
	case app.AudienceList:
		in.Audience.ExternalUserIDs = readIDs(strings.NewReader(v["list"]))
		ids, err := uploadedIDs(c)
		bad.Check(err != nil, "audience.external_userids", "无法读取上传的名单文件：请上传每行一个客户 ID 的文本或 CSV 文件")
		in.Audience.ExternalUserIDs = append(in.Audience.ExternalUserIDs, ids...)
	}
	for i := 1; i <= massLinkSlots; i++ {
		title, link := v["link_title_"+strconv.Itoa(i)], v["link_url_"+strconv.Itoa(i)]
		if title != "" || link != "" {
			in.Attachments = append(in.Attachments, app.MassSendAttachment{MsgType: "link", Link: &app.MassSendLink{Title: title, URL: link}})
		}
	}
	in.Attachments = append(in.Attachments, materialAttachments(f.Chosen, f.offered)...)
	if v["when"] == "at" {
		at, err := time.ParseInLocation("2006-01-02T15:04", v["send_at"], s.corpZone(c))
		bad.Check(err != nil, "send_at", "请选择发送时间（企业所在时区）")
		bad.Check(err == nil && !at.After(time.Now()), "send_at", "发送时间须晚于现在")
		if err == nil {
			in.SendAt = &at
		}
	}
	return in, bad
}

// groupTags groups the chosen tag ids by their tag group: a customer
// matches one tag of each group chosen.
func groupTags(sets []app.TagGroup, chosen []string) [][]string {
	var out [][]string
	for _, g := range sets {
		var ids []string
		for _, t := range g.Tags {
			if contains(chosen, t.TagID) {
				ids = append(ids, t.TagID)
			}
		}
		if len(ids) > 0 {
			out = append(out, ids)
		}
	}
	return out
}

// uploadedIDs reads the uploaded list, if any: the first column of each
// line.
func uploadedIDs(c *gin.Context) ([]string, error) {
	fh, err := c.FormFile("list_file")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	file, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readIDs(file), nil
}

// readIDs reads one id per line (the first comma-separated column),
// skipping blank lines and a header naming external_userid.
func readIDs(r io.Reader) []string {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		id, _, _ := strings.Cut(sc.Text(), ",")
		id = strings.Trim(strings.TrimSpace(id), "\"\ufeff")
		if id != "" && id != "external_userid" {
			out = append(out, id)
		}
	}
	return out
}

// massFormErrors files the refusals under the form's fields: every
// attachment's under the link cards.
func massFormErrors(err error) map[string]string {
	out := formErrors(err)
	for k, reason := range out {
		if strings.HasPrefix(k, "attachments[") {
			delete(out, k)
			out["attachments"] = reason
		}
	}
	return out
}
