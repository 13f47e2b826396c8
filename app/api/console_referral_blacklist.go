package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// maxBlacklistLines is how many unionids one form adds at once.
const maxBlacklistLines = 500

// referralBlacklistView is a page of the blacklist, with the add form as
// typed when it was refused.
type referralBlacklistView struct {
	Rows             []referralBlacklistRow
	Pages            pager
	Total            int64
	UnionIDs, Reason string
	Errors           map[string]string
}

// referralBlacklistRow is an entry with who added it by name.
type referralBlacklistRow struct {
	app.ReferralBlacklisted
	By string
}

func (s *server) referralBlacklistPage(c *gin.Context) {
	s.renderReferralBlacklist(c, http.StatusOK, referralBlacklistView{})
}

func (s *server) renderReferralBlacklist(c *gin.Context, status int, v referralBlacklistView) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	page, offset := pageNumberOf(c, "page", referralPageSize)
	list, total, err := s.d.Referrals.ListBlacklist(ctx, corpID, app.Page{After: int64(offset), Limit: referralPageSize})
	var actors map[string]string
	if err == nil {
		by := make([]string, len(list))
		for i := range list {
			by[i] = list[i].CreatedBy
		}
		actors, err = s.d.Names.Actors(ctx, corpID, by)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	for _, e := range list {
		v.Rows = append(v.Rows, referralBlacklistRow{ReferralBlacklisted: e, By: orText(actors[e.CreatedBy], "—")})
	}
	v.Total, v.Pages = total, pagerOf(c, "page", page, int64(offset+len(list)) < total)
	s.render(c, status, "console_referral_blacklist.html", s.view(c, "裂变黑名单", "referrals", v))
}

// addReferralBlacklist puts the unionids typed (one a line) on the
// blacklist; their helps are judged again at once.
func (s *server) addReferralBlacklist(c *gin.Context) {
	v := referralBlacklistView{UnionIDs: c.PostForm("unionids"), Reason: strings.TrimSpace(c.PostForm("reason"))}
	var ids []string
	for _, l := range strings.Split(v.UnionIDs, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			ids = append(ids, l)
		}
	}
	var bad app.Fields
	bad.Check(len(ids) == 0 || len(ids) > maxBlacklistLines, "unionids", fmt.Sprintf("请填写 1 到 %d 个 unionid，每行一个", maxBlacklistLines))
	bad.Check(v.Reason == "" || len([]rune(v.Reason)) > 128, "reason", "请填写不超过 128 个字的原因")
	for _, id := range ids {
		bad.Check(len(id) > 64 || strings.ContainsAny(id, " \t,，"), "unionids", "unionid 格式不对：「"+app.Truncate(id, 40)+"」")
	}
	err := bad.Err()
	if err == nil {
		err = s.d.Referrals.Blacklist(c.Request.Context(), caller(c).CorpID, ids, v.Reason, caller(c).Actor)
	}
	if app.ErrorCode(err) == app.EINVALID {
		v.Errors = formErrors(err)
		s.renderReferralBlacklist(c, http.StatusBadRequest, v)
		return
	}
	for i := 0; err == nil && i < len(ids); i++ {
		err = s.recordReferral(c, "referral.blacklist", "referral_blacklist", ids[i], map[string]any{"name": maskUnionID(ids[i]), "reason": v.Reason})
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/referrals/blacklist", fmt.Sprintf("已将 %d 个 unionid 加入黑名单，其相关助力已重新判定", len(ids)))
}

// removeReferralBlacklist takes one unionid off the blacklist.
func (s *server) removeReferralBlacklist(c *gin.Context) {
	u := strings.TrimSpace(c.PostForm("unionid"))
	err := s.d.Referrals.Unblacklist(c.Request.Context(), caller(c).CorpID, u)
	if err == nil {
		err = s.recordReferral(c, "referral.unblacklist", "referral_blacklist", u, map[string]any{"name": maskUnionID(u)})
	}
	if err != nil {
		s.failed(c, "/console/referrals/blacklist", err)
		return
	}
	s.done(c, "/console/referrals/blacklist", "已将 "+maskUnionID(u)+" 移出黑名单，其相关助力已重新判定")
}
