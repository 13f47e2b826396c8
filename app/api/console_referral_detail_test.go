package api_test

import (
	"bytes"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/poster"
	"github.com/siyu-scrm/siyu/app/referral"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// arrive has invitee (a WeChat user named name) scan the participant's
// code and add g through the campaign's channel.
func (rc *referralConsole) arrive(t *testing.T, scene, unionid, name, g string) {
	_, _, err := rc.Referrals.Scan(rc.ctx, referral.Consumer{CorpID: rc.Corp.ID, UnionID: unionid, OpenID: "o" + unionid}, scene)
	require.NoError(t, err)
	_, err = rc.SC.CustomerAdds(sandbox.Add{UserID: g, ConfigID: rc.channel.ConfigID, Customer: sandbox.Customer{Name: name, Type: 1, UnionID: unionid}})
	require.NoError(t, err)
	rc.SC.Advance(time.Minute)
	rc.Settle(t, 10*time.Second)
}

// A campaign's page: live figures in whole, by store and by guide, by
// name; the participant and the helps by name; a help over the velocity
// limit approved from the page; the poster preview; pause and end with
// their confirmations; each in the audit log.
func TestConsoleReferralDetail(t *testing.T) {
	eachReferralConsole(t, func(t *testing.T, rc *referralConsole) {
		id := rc.create(t, rc.form())
		p, _, err := rc.Referrals.Join(rc.ctx, referral.Consumer{CorpID: rc.Corp.ID, UnionID: "unionPartA1", OpenID: "opA", Name: "小红"}, id)
		require.NoError(t, err)
		rc.arrive(t, p.Scene, "unionFriendA", "好友甲", "g1")
		rc.arrive(t, p.Scene, "unionFriendB", "好友乙", "g2")

		page := rc.olga.do(t, "GET", "/console/referrals/"+itoa(id), nil).Body.String()
		assert.Contains(t, page, `id="kpi-participants">1<`)
		assert.Contains(t, page, `id="kpi-credited">1<`)
		assert.Contains(t, page, `id="kpi-review">1<`, "the second help in the hour waits for review")
		assert.Contains(t, page, `id="kpi-k">1.00<`)
		for _, name := range []string{"小红", "好友甲", "好友乙", "导购g1", "导购g2", "徐汇店", "渠道活码「老带新活码」", "咖啡券（到店礼品）", "待审核"} {
			assert.Contains(t, page, name)
		}
		assert.NotContains(t, page, "unionFriendA", "invitees by name, not unionid")
		assert.Regexp(t, `class="tier-outcomes">第1档 (已发放|发放失败)`, page, "the tier reached at one help, and what came of it")
		byGuide := regexp.MustCompile(`<tr><td>导购g2</td><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>`).FindStringSubmatch(page)
		require.Len(t, byGuide, 5, "导购g2's row")
		assert.Equal(t, []string{"1", "0", "0", "1"}, byGuide[1:], "导购g2: one arrival, in review")
		assert.Contains(t, page, "确定暂停「老带新送咖啡」？")

		review := rc.olga.do(t, "GET", "/console/referrals/"+itoa(id)+"?status=review", nil).Body.String()
		assert.NotContains(t, review, "好友甲", "the filter keeps only helps in review")
		m := regexp.MustCompile(`/console/referrals/\d+/helps/(\d+)/decide`).FindStringSubmatch(review)
		require.Len(t, m, 2, review)
		w := rc.olga.do(t, "POST", m[0], url.Values{"decision": {"approve"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		assert.Contains(t, flash(t, w), "已通过")
		page = rc.olga.do(t, "GET", "/console/referrals/"+itoa(id), nil).Body.String()
		assert.Contains(t, page, `id="kpi-credited">2<`)
		assert.Contains(t, page, `id="kpi-review">0<`)
		w = rc.olga.do(t, "POST", m[0], url.Values{"decision": {"reject"}})
		assert.Contains(t, flash(t, w), "不在待审核中", "a decided help is not decided again")

		w = rc.olga.do(t, "GET", "/console/referrals/"+itoa(id)+"/poster.png", nil)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, "image/png", w.Header().Get("Content-Type"))
		img, err := png.Decode(bytes.NewReader(w.Body.Bytes()))
		require.NoError(t, err)
		assert.Equal(t, poster.Width, img.Bounds().Dx())

		w = rc.olga.do(t, "POST", "/console/referrals/"+itoa(id)+"/status", url.Values{"status": {"paused"}})
		require.Equal(t, http.StatusSeeOther, w.Code)
		assert.Contains(t, rc.olga.do(t, "GET", "/console/referrals", nil).Body.String(), "已暂停")
		w = rc.olga.do(t, "POST", "/console/referrals/"+itoa(id)+"/status", url.Values{"status": {"ended"}})
		require.Equal(t, http.StatusSeeOther, w.Code)
		got, err := rc.Referrals.FindCampaign(rc.ctx, rc.Corp.ID, id)
		require.NoError(t, err)
		assert.Equal(t, app.ReferralEnded, got.Status)
		w = rc.olga.do(t, "POST", "/console/referrals/"+itoa(id)+"/status", url.Values{"status": {"active"}})
		assert.Contains(t, flash(t, w), "活动已结束", "an ended campaign is not resumed")
		log := rc.olga.do(t, "GET", "/console/audit", nil).Body.String()
		for _, did := range []string{"审核通过助力", "暂停裂变活动", "结束裂变活动", "「老带新送咖啡」中 好友乙 的助力",
			`href="/console/referrals/` + itoa(id) + `"`} {
			assert.Contains(t, log, did, "what was done, to what, by name")
		}
	})
}

// The blacklist: every refusal at once with what was typed kept; entries
// added one a line and listed with who added them; an inviter put on it
// loses their helps; removal asks first and restores them.
func TestConsoleReferralBlacklist(t *testing.T) {
	eachReferralConsole(t, func(t *testing.T, rc *referralConsole) {
		f := rc.form()
		f.Set("velocity_max", "")
		f.Set("velocity_minutes", "")
		id := rc.create(t, f)
		p, _, err := rc.Referrals.Join(rc.ctx, referral.Consumer{CorpID: rc.Corp.ID, UnionID: "unionCheat01", OpenID: "opC", Name: "小黑"}, id)
		require.NoError(t, err)
		rc.arrive(t, p.Scene, "unionFriendC", "好友丙", "g1")
		assert.Contains(t, rc.olga.do(t, "GET", "/console/referrals/blacklist", nil).Body.String(), "黑名单为空")

		w := rc.olga.do(t, "POST", "/console/referrals/blacklist", url.Values{"unionids": {"  \n "}, "reason": {""}})
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "请填写 1 到 500 个 unionid")
		assert.Contains(t, w.Body.String(), "请填写不超过 128 个字的原因")
		w = rc.olga.do(t, "POST", "/console/referrals/blacklist", url.Values{"unionids": {"unionCheat01\nbad id"}, "reason": {"刷单"}})
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "unionid 格式不对：「bad id」")
		assert.Contains(t, w.Body.String(), "刷单", "what was typed stays")

		w = rc.olga.do(t, "POST", "/console/referrals/blacklist", url.Values{"unionids": {"unionCheat01\nunionOther02\n"}, "reason": {"刷单"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		list := rc.olga.do(t, "GET", "/console/referrals/blacklist", nil).Body.String()
		assert.Contains(t, list, "unionCheat01")
		assert.Contains(t, list, "unionOther02")
		assert.Contains(t, list, "olga", "who added it by name")
		assert.Contains(t, list, "确定移出？")
		page := rc.olga.do(t, "GET", "/console/referrals/"+itoa(id), nil).Body.String()
		assert.Contains(t, page, `id="kpi-credited">0<`)
		assert.Contains(t, page, "黑名单 1", "voided by reason, in Chinese")

		w = rc.olga.do(t, "POST", "/console/referrals/blacklist/remove", url.Values{"unionid": {"unionCheat01"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		assert.NotContains(t, rc.olga.do(t, "GET", "/console/referrals/blacklist", nil).Body.String(), "unionCheat01")
		assert.Contains(t, rc.olga.do(t, "GET", "/console/referrals/"+itoa(id), nil).Body.String(), `id="kpi-credited">1<`)
		log := rc.olga.do(t, "GET", "/console/audit", nil).Body.String()
		assert.Contains(t, log, "加入裂变黑名单")
		assert.Contains(t, log, "移出裂变黑名单")
	})
}
