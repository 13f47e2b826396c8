package masssend_test

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// placement is where the test puts a customer: guide, chunk, reason.
type placement struct {
	UserID   string
	Chunk    int
	Excluded string
}

// expected computes a send's plan in Go from the rows the planner reads:
// owners in scope 0, active follows, customers' ids, and this ledger's
// earlier deliveries (all of them today), by the documented order and
// holdout hash.
func (w *world) expected(t *testing.T, ms *app.MassSend, audience []string) map[string]placement {
	q := func(sql string, args ...any) [][2]string {
		rows, err := w.s.DB.SQL().Query(sql, args...)
		require.NoError(t, err)
		defer rows.Close()
		var out [][2]string
		for rows.Next() {
			var a, b string
			require.NoError(t, rows.Scan(&a, &b))
			out = append(out, [2]string{a, b})
		}
		return out
	}
	corp := w.s.Corp.ID
	owner, friend, ids, prior := map[string]string{}, map[[2]string]bool{}, map[string]int64{}, map[string]int{}
	for _, r := range q("SELECT external_userid, userid FROM customer_owners WHERE corp_id = ? AND scope = 0 AND status = 'assigned'", corp) {
		owner[r[0]] = r[1]
	}
	for _, r := range q("SELECT userid, external_userid FROM follows WHERE corp_id = ? AND deleted_at IS NULL", corp) {
		friend[r] = true
	}
	for _, r := range q("SELECT external_userid, CAST(id AS CHAR) FROM customers WHERE corp_id = ?", corp) {
		var id int64
		for _, ch := range r[1] {
			id = id*10 + int64(ch-'0')
		}
		ids[r[0]] = id
	}
	for _, r := range q("SELECT external_userid, result FROM mass_send_recipients WHERE corp_id = ? AND send_id <> ? AND excluded = ''", corp, ms.ID) {
		if r[1] == "" || r[1] == app.ResultSent {
			prior[r[0]]++
		}
	}
	out := map[string]placement{}
	byGuide := map[string][]string{}
	for _, ext := range audience {
		u := owner[ext]
		p := placement{UserID: u}
		switch {
		case u == "":
			p.Excluded = app.ExcludeNoOwner
		case !friend[[2]string{u, ext}]:
			p.Excluded = app.ExcludeNotFriend
		case prior[ext] >= 1:
			p.Excluded = app.ExcludeOverLimit
		case ((ids[ext]*2654435761+ms.ID*40503)%4294967291)%100 < int64(ms.HoldoutPercent):
			p.Excluded = app.ExcludeHoldout
		default:
			byGuide[u] = append(byGuide[u], ext)
		}
		out[ext] = p
	}
	for u, exts := range byGuide {
		sort.Strings(exts)
		for i, ext := range exts {
			out[ext] = placement{UserID: u, Chunk: i/chunkSize + 1}
		}
	}
	return out
}

// planned reads the send's recipients as placements.
func (w *world) planned(t *testing.T, ms *app.MassSend) map[string]placement {
	rs, total, err := w.svc.Results(w.ctx, w.s.Corp.ID, ms.ID, app.MassSendResultFilter{Page: app.Page{Limit: 200}})
	require.NoError(t, err)
	require.Len(t, rs, int(total))
	out := map[string]placement{}
	for _, r := range rs {
		_, dup := out[r.ExternalUserID]
		require.False(t, dup, "customer %s planned twice", r.ExternalUserID)
		out[r.ExternalUserID] = placement{UserID: r.UserID, Chunk: r.Chunk, Excluded: r.Excluded}
	}
	return out
}

// Planning puts every customer of the audience in exactly one chunk of at
// most 4 of their owner, or excludes them with the reason the test
// computes itself: an unknown customer has no owner, one their guide
// deleted is not a friend, one who got today's message is over the
// limit, and the holdout share is the documented hash. The preview,
// taken before, said the same and wrote nothing; the sandbox then holds
// one task per (guide, chunk) with exactly its customers.
func TestPlanEqualsIndependentComputation(t *testing.T) {
	eachStack(t, map[string]int{"g1": 9, "g2": 6, "g3": 3}, func(t *testing.T, w *world) {
		require.NoError(t, w.s.SC.MemberDeletesCustomer("g3", w.customers["g3"][0], ""))
		w.s.Settle(t, 30e9)
		first := w.send(t, "先发", w.customers["g1"][:3], 0)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, first.ID))
		w.confirm(t, first, "g1")
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, first.ID))

		audience := append(w.all(), "wmNOBODY1", "wmNOBODY2")
		ms, err := w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{Name: "双十二", Text: "双十二会员日", Draft: true, HoldoutPercent: 30,
			Audience: app.MassSendAudience{Kind: app.AudienceList, ExternalUserIDs: audience}})
		require.NoError(t, err)
		want := w.expected(t, ms, audience)

		preview, err := w.svc.Preview(w.ctx, w.s.Corp.ID, ms.ID)
		require.NoError(t, err)
		assert.Equal(t, previewOf(want), preview)
		assert.Empty(t, w.planned(t, ms), "the preview wrote nothing")
		for _, r := range []string{app.ExcludeNoOwner, app.ExcludeNotFriend, app.ExcludeOverLimit} {
			assert.Positive(t, preview.Excluded[r], r)
		}

		_, err = w.svc.Start(w.ctx, w.s.Corp.ID, ms.ID)
		require.NoError(t, err)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		assert.Equal(t, want, w.planned(t, ms))
		assert.Equal(t, chunksOf(want), w.sandboxSends(ms), "one WeCom task per (guide, chunk), with its customers")
	})
}

// previewOf is the preview of a computed plan.
func previewOf(plan map[string]placement) *app.MassSendPreview {
	p := &app.MassSendPreview{Excluded: map[string]int64{}}
	per := map[string]int64{}
	for _, pl := range plan {
		if pl.Excluded != "" {
			p.Excluded[pl.Excluded]++
			continue
		}
		p.Targeted++
		per[pl.UserID]++
	}
	var users []string
	for u := range per {
		users = append(users, u)
	}
	sort.Strings(users)
	for _, u := range users {
		p.Guides = append(p.Guides, app.MassSendGuideCount{UserID: u, Recipients: per[u], Chunks: (per[u] + chunkSize - 1) / chunkSize})
	}
	return p
}

// chunksOf groups a computed plan's customers by guide and chunk, as the
// sandbox's sends (customers sorted, chunks in order) should hold them.
func chunksOf(plan map[string]placement) map[string][][]string {
	out := map[string][][]string{}
	for ext, pl := range plan {
		if pl.Excluded != "" {
			continue
		}
		for len(out[pl.UserID]) < pl.Chunk {
			out[pl.UserID] = append(out[pl.UserID], nil)
		}
		out[pl.UserID][pl.Chunk-1] = append(out[pl.UserID][pl.Chunk-1], ext)
	}
	for _, cs := range out {
		for _, c := range cs {
			sort.Strings(c)
		}
	}
	return out
}

// A segment snapshot and a tag filter select the customers the test
// chooses: the snapshot's rows, and those whose follows carry a tag of
// every group; each is planned once (in a chunk or excluded).
func TestAudiences(t *testing.T) {
	eachStack(t, map[string]int{"g1": 4, "g2": 4, "g3": 2}, func(t *testing.T, w *world) {
		all, corp := w.all(), w.s.Corp.ID
		for _, ext := range all[:5] {
			_, err := w.s.DB.SQL().Exec("INSERT INTO segment_members (corp_id, segment_id, version, external_userid) VALUES (?, 7, 2, ?)", corp, ext)
			require.NoError(t, err)
		}
		tags := map[string][]string{all[1]: {"ta", "tb"}, all[2]: {"ta"}, all[6]: {"tb", "tc"}, all[8]: {"tc"}}
		for ext, ts := range tags {
			for _, tag := range ts {
				_, err := w.s.DB.SQL().Exec("INSERT INTO follow_tags (corp_id, userid, external_userid, tag_id, tag_type) SELECT corp_id, userid, external_userid, ?, 1 FROM follows WHERE corp_id = ? AND external_userid = ?", tag, corp, ext)
				require.NoError(t, err)
			}
		}
		for _, c := range []struct {
			name string
			aud  app.MassSendAudience
			want []string
		}{
			{"Segment", app.MassSendAudience{Kind: app.AudienceSegment, SegmentID: 7, SegmentVersion: 2}, all[:5]},
			{"Tags", app.MassSendAudience{Kind: app.AudienceTags, TagGroups: [][]string{{"ta", "tc"}, {"tb"}}}, []string{all[1], all[6]}},
		} {
			ms, err := w.svc.Create(w.ctx, corp, app.MassSendInput{Name: c.name, Text: "人群群发 " + c.name, Audience: c.aud})
			require.NoError(t, err)
			require.NoError(t, w.svc.Advance(w.ctx, corp, ms.ID))
			var got []string
			for ext := range w.planned(t, ms) {
				got = append(got, ext)
			}
			assert.ElementsMatch(t, c.want, got, c.name)
		}
	})
}

// Every refusal of an input is reported at once, beside its field.
func TestCreateChecksEveryField(t *testing.T) {
	eachStack(t, map[string]int{"g1": 1}, func(t *testing.T, w *world) {
		_, err := w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{HoldoutPercent: 80,
			Attachments: make([]app.MassSendAttachment, 10)})
		require.Equal(t, app.EINVALID, app.ErrorCode(err))
		var fields []string
		for _, f := range app.ErrorFields(err) {
			fields = append(fields, f.Field)
		}
		for _, f := range []string{"name", "attachments", "attachments[0]", "holdout_percent", "audience.kind"} {
			assert.Contains(t, fields, f)
		}
	})
}
