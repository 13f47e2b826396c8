package api

import (
	"context"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// memberMergeRow is one merge the member took part in: both records by
// name, why, by whom, and whether it was undone.
type memberMergeRow struct {
	app.MemberMerge
	Survivor, Merged memberLink
	Reason           string
	Actor, UndoneBy  string
}

// mergeReasons say why two records were merged.
var mergeReasons = map[string]string{app.KeyUnionID: "unionid 相同", app.KeyOpenID: "openid 相同", app.KeyPhone: "已验证的手机号相同",
	app.KeyExternal: "企业微信客户相同", "review": "审核后合并", "manual": "手动合并"}

// memberMerges names the merges of v's member, and the record it was
// merged into.
func (s *server) memberMerges(ctx context.Context, corpID int64, v *memberView) error {
	merges, err := s.d.Members.Merges(ctx, corpID, v.Member.ID)
	if err != nil {
		return err
	}
	ids, actors := []int64{}, []string{}
	for _, mg := range merges {
		ids, actors = append(ids, mg.SurvivorID, mg.MergedID), append(actors, mg.Actor, mg.UndoneBy)
	}
	if v.Member.MergedInto != nil {
		ids = append(ids, *v.Member.MergedInto)
	}
	names, err := s.memberNames(ctx, corpID, ids)
	if err != nil {
		return err
	}
	people, err := s.d.Names.Actors(ctx, corpID, actors)
	if err != nil {
		return err
	}
	for _, mg := range merges {
		v.Merges = append(v.Merges, memberMergeRow{MemberMerge: mg, Survivor: memberLink{mg.SurvivorID, names[mg.SurvivorID]},
			Merged: memberLink{mg.MergedID, names[mg.MergedID]}, Reason: orText(mergeReasons[mg.Reason], mg.Reason),
			Actor: people[mg.Actor], UndoneBy: people[mg.UndoneBy]})
	}
	if into := v.Member.MergedInto; into != nil {
		v.MergedInto = &memberLink{*into, names[*into]}
	}
	return nil
}

// memberNames names member records by id, as pages call them; an id
// that finds none (a stale one in an old entry) is left out.
func (s *server) memberNames(ctx context.Context, corpID int64, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for _, id := range ids {
		if _, done := out[id]; done || id == 0 {
			continue
		}
		m, err := s.d.MemberList.FindMember(ctx, corpID, id)
		switch {
		case err == nil:
			out[id] = memberName(m)
		case app.ErrorCode(err) != app.ENOTFOUND:
			return nil, err
		}
	}
	return out, nil
}

// splitMemberForm undoes a merge member :id took part in (form field
// merge), back on the member's page.
func (s *server) splitMemberForm(c *gin.Context) {
	ctx, corpID, id := c.Request.Context(), caller(c).CorpID, pathID(c)
	back := ConsolePath + "/members/" + strconv.FormatInt(id, 10)
	mergeID, _ := strconv.ParseInt(c.PostForm("merge"), 10, 64)
	merges, err := s.d.Members.Merges(ctx, corpID, id)
	var mg *app.MemberMerge
	for i := range merges {
		if merges[i].ID == mergeID {
			mg = &merges[i]
		}
	}
	if err == nil && mg == nil {
		err = app.Errorf(app.ENOTFOUND, "该会员没有这条合并记录")
	}
	var names map[int64]string
	if err == nil {
		names, err = s.memberNames(ctx, corpID, []int64{mg.SurvivorID, mg.MergedID})
	}
	if err == nil {
		err = s.d.MemberMerger.Split(ctx, corpID, mg.ID)
	}
	if err != nil {
		s.failed(c, back, err)
		return
	}
	s.done(c, back, "已撤销合并：「"+names[mg.MergedID]+"」已从「"+names[mg.SurvivorID]+"」中拆分，恢复为独立会员")
}

// revealPhoneForm shows an admin the member's full phone number, once, on
// the page it answers with; the members service audits the view. The
// page is not kept: reloading it asks again, and is audited again.
func (s *server) revealPhoneForm(c *gin.Context) {
	v, err := s.memberDetail(c, pathID(c))
	if err == nil {
		v.Phone, err = s.d.Members.RevealPhone(c.Request.Context(), caller(c).CorpID, v.Member.ID)
	}
	if err == nil { // the view just recorded is among them
		v.entries, err = s.memberEntries(c.Request.Context(), caller(c).CorpID, v.Member.ID)
	}
	if err != nil {
		s.failed(c, ConsolePath+"/members/"+url.PathEscape(c.Param("id")), err)
		return
	}
	s.renderMember(c, v)
}
