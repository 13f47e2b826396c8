package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// channelForm is the channel form's data.
type channelForm struct {
	formView
	Channel    app.Channel
	New        bool
	Stores     []app.Store
	GuideStore int64       // the store whose guides are offered
	Guides     []app.Guide // offered: the store's active guides
	Members    []string    // chosen userids
	Shifts     map[string]string
	Tags       []app.TagGroup
	Atts       []app.WelcomeAttachment // always attachmentRows rows
}

// attachmentRows is how many link or image attachments the form offers;
// the JSON API takes up to nine, mini-programs too.
const attachmentRows = 3

func (s *server) channelFormPage(c *gin.Context) {
	f := channelForm{New: c.Param("id") == "", Channel: app.Channel{Kind: app.ChannelStore, SkipVerify: true, Pick: app.PickRoundRobin}, Shifts: map[string]string{}}
	if !f.New {
		ch, err := s.d.Channels.FindChannel(c.Request.Context(), caller(c).CorpID, pathID(c))
		if err != nil {
			s.consoleError(c, err)
			return
		}
		f.Channel = *ch
		for _, m := range ch.Members {
			f.Members, f.Shifts[m.UserID] = append(f.Members, m.UserID), formatShifts(m.Shifts)
		}
	}
	if f.Channel.StoreID != nil {
		f.GuideStore = *f.Channel.StoreID
	}
	s.renderChannelForm(c, http.StatusOK, f)
}

func (s *server) renderChannelForm(c *gin.Context, status int, f channelForm) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	var err error
	if f.Stores, err = s.allStores(ctx, corpID); err == nil {
		f.Tags, err = s.d.Customers.CorpTags(ctx, corpID)
	}
	if err == nil {
		f.Guides, err = s.offeredGuides(ctx, corpID, &f)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f.Atts = append(f.Channel.Welcome.Attachments, make([]app.WelcomeAttachment, attachmentRows)...)[:max(attachmentRows, len(f.Channel.Welcome.Attachments))]
	title := "新建渠道活码"
	if !f.New {
		title = "编辑渠道活码 " + f.Channel.Name
	}
	s.render(c, status, "console_channel_form.html", s.view(c, title, "channels", f))
}

// offeredGuides are the active guides of the store the form looks at (the
// channel's, else the first open one), plus any chosen guide elsewhere.
func (s *server) offeredGuides(ctx context.Context, corpID int64, f *channelForm) ([]app.Guide, error) {
	if f.GuideStore == 0 {
		for _, st := range f.Stores {
			if st.Status == app.StoreOpen {
				f.GuideStore = st.ID
				break
			}
		}
	}
	if f.GuideStore == 0 {
		return nil, nil
	}
	gs, _, err := s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: app.Page{Limit: app.MaxPageSize}, StoreID: f.GuideStore, Status: app.GuideActive})
	return gs, err
}

// channelGuideChoices answers the guide checkboxes of another store, for
// htmx to swap into the form; the guides already chosen stay chosen.
func (s *server) channelGuideChoices(c *gin.Context) {
	f := channelForm{Members: c.QueryArray("member"), Shifts: map[string]string{}}
	f.GuideStore, _ = strconv.ParseInt(c.Query("guide_store"), 10, 64)
	for _, u := range f.Members {
		f.Shifts[u] = c.Query("shifts_" + u)
	}
	gs, err := s.offeredGuides(c.Request.Context(), caller(c).CorpID, &f)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f.Guides = gs
	c.HTML(http.StatusOK, "channel_guides", f)
}

// saveChannel creates or updates a channel from the form. The contact way
// in WeCom is created or changed with it; every refused field is shown.
func (s *server) saveChannel(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	f := channelForm{New: c.Param("id") == "", Members: c.PostFormArray("member"), Shifts: map[string]string{}}
	f.GuideStore, _ = strconv.ParseInt(c.PostForm("guide_store"), 10, 64)
	ch, bad := readChannelForm(c, &f)
	ch.ID, ch.CorpID = pathID(c), corpID
	f.Channel = *ch
	var err error
	switch {
	case len(bad) > 0:
		err = joinFields(bad, s.d.Channels.ValidateChannel(ctx, ch))
	case f.New:
		err = s.d.Channels.CreateChannel(ctx, ch)
	default:
		err = s.d.Channels.UpdateChannel(ctx, ch)
	}
	if err != nil {
		f.Errors = channelErrors(err)
		s.renderChannelForm(c, StatusOf(app.ErrorCode(err)), f)
		return
	}
	s.done(c, "/console/channels/"+strconv.FormatInt(ch.ID, 10), "已保存渠道活码 "+ch.Name)
}

// channelErrors files each refused field under the form field showing it:
// a member's and a shift's under the members, an attachment's under the
// attachments, a tag's under the tags.
func channelErrors(err error) map[string]string {
	out := formErrors(err)
	for k, v := range out {
		key := k
		for _, p := range []string{"members", "welcome.attachments", "tag_ids"} {
			if strings.HasPrefix(k, p+"[") {
				key = p
			}
		}
		if key != k && out[key] == "" {
			out[key] = v
		} else if key != k {
			out[key] += "；" + v
		}
	}
	return out
}

// Offered reports whether the form lists userID among its guides; chosen
// guides of another store ride along hidden.
func (f channelForm) Offered(userID string) bool {
	for _, g := range f.Guides {
		if g.UserID == userID {
			return true
		}
	}
	return false
}
