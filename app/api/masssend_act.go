package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// previewMassSend answers what planning the send would do now: the
// recipients per guide, those left out by reason, the holdout.
func (s *server) previewMassSend(c *gin.Context) {
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	id, err := idParam(c)
	var pv *app.MassSendPreview
	if err == nil {
		pv, err = s.d.MassSends.Preview(ctx, corpID, id)
	}
	var people map[string]string
	if err == nil {
		people, err = s.massSendPeople(c, guidesOfPreview(pv))
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toMassSendPreview(pv, people))
}

// massSendProgress answers the send's chunks and results per guide.
func (s *server) massSendProgress(c *gin.Context) {
	id, err := idParam(c)
	var ps []app.MassSendGuideProgress
	if err == nil {
		ps, err = s.d.MassSends.Progress(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	var people map[string]string
	if err == nil {
		people, err = s.massSendPeople(c, guidesOfProgress(ps))
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := make([]massSendGuideJSON, len(ps))
	for i, p := range ps {
		out[i] = toMassSendGuide(p, people)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

// massSendPeople names the guides, when names are wired.
func (s *server) massSendPeople(c *gin.Context, users []string) (map[string]string, error) {
	if s.d.Names == nil {
		return map[string]string{}, nil
	}
	return s.d.Names.People(c.Request.Context(), c.GetInt64(corpKey), users)
}

// massSendResults pages the send's customers: ?result=, ?excluded=,
// ?userid= narrow it.
func (s *server) massSendResults(c *gin.Context) {
	id, err := idParam(c)
	var f app.MassSendResultFilter
	if err == nil {
		f, err = resultFilter(c)
	}
	var list []app.MassSendRecipient
	var total int64
	if err == nil {
		list, total, err = s.d.MassSends.Results(c.Request.Context(), c.GetInt64(corpKey), id, f)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	var next int64
	if len(list) > 0 && len(list) == app.PageLimit(f.Limit, 100) {
		next = list[len(list)-1].ID
	}
	c.JSON(http.StatusOK, totalBody{Items: mapAll(list, toMassSendRecipient), Next: next, Total: total})
}

// massSendResultValues are the outcomes ?result= takes.
var massSendResultValues = []string{app.ResultSent, app.ResultNotFriend, app.ResultOverLimit, app.ResultNotIncluded, app.ResultCancelled}

// resultFilter reads the results' filter, refusing every bad value at once.
func resultFilter(c *gin.Context) (app.MassSendResultFilter, error) {
	p, err := pageOf(c)
	f := app.MassSendResultFilter{Page: p, UserID: c.Query("userid"), Result: c.Query("result"), Excluded: c.Query("excluded")}
	var bad app.Fields
	bad.Check(f.Result != "" && !contains(massSendResultValues, f.Result), "result",
		"结果应为 sent（已发送）、not_friend（非好友）、over_limit（超出接收上限）、not_included（未发送）、cancelled（已取消）之一")
	bad.Check(f.Excluded != "" && !contains(app.ExcludeReasons, f.Excluded), "excluded",
		"排除原因应为 no_owner、not_friend、dismissed、over_limit、holdout 之一")
	f.Targeted = f.Result != ""
	if err != nil {
		return f, err
	}
	return f, bad.Err()
}

func (s *server) startMassSend(c *gin.Context) {
	id, err := idParam(c)
	var ms *app.MassSend
	if err == nil {
		ms, err = s.d.MassSends.Start(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toMassSend(*ms))
}

// remindMassSend asks WeCom to remind the guides who have not sent yet,
// and answers the reminders left in the next 24 hours.
func (s *server) remindMassSend(c *gin.Context) {
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	id, err := idParam(c)
	if err == nil {
		err = s.d.MassSends.Remind(ctx, corpID, id)
	}
	var left *int64
	if err == nil {
		left, err = s.remindersLeft(ctx, corpID, id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"reminders_left": left})
}

// cancelMassSend cancels a send once the caller confirms it
// ({"confirm": true}).
func (s *server) cancelMassSend(c *gin.Context) {
	id, err := idParam(c)
	if err == nil {
		var in struct {
			Confirm bool `json:"confirm"`
		}
		if err = bindJSON(c, &in); err == nil && !in.Confirm {
			err = app.FieldInvalid("confirm", "请确认取消：尚未创建的任务不再创建，导购尚未发送的任务将在企业微信中取消")
		}
	}
	var ms *app.MassSend
	if err == nil {
		ms, err = s.d.MassSends.Cancel(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toMassSend(*ms))
}
