package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// massSendInfo is what a send's pages say of the send itself, in words.
type massSendInfo struct {
	app.MassSend
	StatusName, Audience, CreatedBy string
	Created                         string // in the corp's zone
	Links                           []app.MassSendLink
	// Media names the attached images, videos and files (materials by
	// name; one given by media_id or URL as such).
	Media  []string
	Active bool // sending or waiting for guides: reminders and cancel apply
	Open   bool // not done nor cancelled
	// Unit counts the send's recipients in words: customers, or customer
	// groups for a send to groups (each confirmed by its owner).
	Unit, Recipient string
}

// massCount is one count with its Chinese label.
type massCount struct {
	Key, Label string
	N          int64
}

// massPreviewView is the preview of a draft: recipients per guide,
// those left out by reason, and the confirmation.
type massPreviewView struct {
	Send     massSendInfo
	Targeted int64
	Excluded []massCount
	Guides   []massGuideCount
}

// massGuideCount is one guide's share of the preview.
type massGuideCount struct {
	Name               string
	Recipients, Chunks int64
}

// massSendInfoOf names the send's audience, creator and status.
func (s *server) massSendInfoOf(c *gin.Context, ms *app.MassSend) (massSendInfo, error) {
	ctx := c.Request.Context()
	in := massSendInfo{MassSend: *ms, StatusName: massSendStatusNames[ms.Status], Created: ms.CreatedAt.In(s.corpZone(c)).Format("2006-01-02 15:04"),
		Active: ms.Status == app.MassSendSending || ms.Status == app.MassSendTracking,
		Open:   ms.Status != app.MassSendDone && ms.Status != app.MassSendCancelled, Unit: "位客户", Recipient: "客户"}
	if ms.ChatType == app.ChatGroup {
		in.Unit, in.Recipient = "个客户群", "客户群"
	}
	var atts []app.MassSendAttachment
	_ = json.Unmarshal([]byte(ms.Attachments), &atts)
	for _, a := range atts {
		if a.Link != nil {
			in.Links = append(in.Links, *a.Link)
		}
	}
	media, err := s.attachedMedia(ctx, ms.CorpID, atts)
	if err != nil {
		return in, err
	}
	in.Media = media
	doers, err := s.d.Names.Actors(ctx, ms.CorpID, []string{ms.CreatedBy})
	in.CreatedBy = doers[ms.CreatedBy]
	if err == nil {
		in.Audience, err = s.describeAudience(ctx, ms)
	}
	return in, err
}

// describeAudience says whom a send is to: the segment's name and
// version, the tags by name, or the size of the uploaded list.
func (s *server) describeAudience(ctx context.Context, ms *app.MassSend) (string, error) {
	switch ms.AudienceKind {
	case app.AudienceSegment:
		g, err := s.d.Segments.Find(ctx, ms.CorpID, ms.SegmentID)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("人群「%s」第 %d 版", g.Name, ms.SegmentVersion), nil
	case app.AudienceTags:
		var groups [][]string
		_ = json.Unmarshal([]byte(ms.TagGroups), &groups)
		sets, err := s.d.Customers.CorpTags(ctx, ms.CorpID)
		names := tagNames(sets)
		out := "带有标签："
		for i, g := range groups {
			if i > 0 {
				out += " 且 "
			}
			for j, id := range g {
				if j > 0 {
					out += " 或 "
				}
				out += "「" + names[id] + "」"
			}
		}
		return out, err
	case app.AudienceGroups:
		var sel app.GroupSelection
		_ = json.Unmarshal([]byte(ms.GroupSelection), &sel)
		return s.describeGroupSelection(ctx, ms.CorpID, sel)
	}
	return "上传的客户名单", nil
}

func (s *server) massSendPreviewPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	ms, err := s.d.MassSends.Get(ctx, corpID, pathID(c))
	var v massPreviewView
	if err == nil {
		v.Send, err = s.massSendInfoOf(c, ms)
	}
	var pv *app.MassSendPreview
	if err == nil {
		pv, err = s.d.MassSends.Preview(ctx, corpID, ms.ID)
	}
	var people map[string]string
	if err == nil {
		people, err = s.d.Names.People(ctx, corpID, guidesOfPreview(pv))
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v.Targeted = pv.Targeted
	v.Excluded = massCounts(app.ExcludeReasons, massExcludeNames, pv.Excluded)
	for _, g := range pv.Guides {
		v.Guides = append(v.Guides, massGuideCount{Name: personName(people, g.UserID), Recipients: g.Recipients, Chunks: g.Chunks})
	}
	s.render(c, http.StatusOK, "console_masssend_preview.html", s.view(c, "群发预览 · "+ms.Name, "masssends", v))
}

// massCounts lists the counts of keys in order, with their labels, those
// above zero only.
func massCounts(keys []string, labels map[string]string, n map[string]int64) []massCount {
	var out []massCount
	for _, k := range keys {
		if n[k] > 0 {
			out = append(out, massCount{Key: k, Label: labels[k], N: n[k]})
		}
	}
	return out
}

// startMassSendForm starts the draft whose preview was confirmed.
func (s *server) startMassSendForm(c *gin.Context) {
	ms, err := s.d.MassSends.Start(c.Request.Context(), caller(c).CorpID, pathID(c))
	s.afterMassAct(c, err, func() string {
		if ms.SendAt.After(ms.CreatedAt.Add(1e9)) {
			return "已确认，将于 " + ms.SendAt.In(s.corpZone(c)).Format("2006-01-02 15:04") + " 发送"
		}
		return "已确认发送：正在为导购创建群发任务"
	})
}

// remindMassSendForm reminds the guides who have not sent yet.
func (s *server) remindMassSendForm(c *gin.Context) {
	err := s.d.MassSends.Remind(c.Request.Context(), caller(c).CorpID, pathID(c))
	s.afterMassAct(c, err, func() string { return "已通过企业微信提醒尚未发送的导购" })
}

// cancelMassSendForm cancels the send (the form asked first).
func (s *server) cancelMassSendForm(c *gin.Context) {
	_, err := s.d.MassSends.Cancel(c.Request.Context(), caller(c).CorpID, pathID(c))
	s.afterMassAct(c, err, func() string { return "已取消群发：导购尚未发送的任务已在企业微信中取消" })
}

// afterMassAct goes back to the send's page, saying what happened; a
// conflict (already ended, the reminder limit) is said there too.
func (s *server) afterMassAct(c *gin.Context, err error, msg func() string) {
	to := "/console/mass-sends/" + strconv.FormatInt(pathID(c), 10)
	switch {
	case app.ErrorCode(err) == app.ECONFLICT:
		s.flash(c, "!"+app.ErrorMessage(err))
		c.Redirect(http.StatusSeeOther, to)
	case err != nil:
		s.consoleError(c, err)
	default:
		s.done(c, to, msg())
	}
}
