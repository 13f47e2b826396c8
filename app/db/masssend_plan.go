package db

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Holdout hash: a customer is held out of send s when
// ((customer id × holdoutMul + s × holdoutSendMul) mod holdoutMod) mod 100
// is below the holdout percent. It is plain integer arithmetic, so MySQL
// and SQLite compute the same value and the same customer stays out of
// the same send however often it is planned or previewed.
const (
	holdoutMul     = 2654435761
	holdoutSendMul = 40503
	holdoutMod     = 4294967291
)

// audience is the SQL selecting a send's customers as column ext, once
// each, and its arguments.
func audience(ms *app.MassSend) (string, []any, error) {
	switch ms.AudienceKind {
	case app.AudienceSegment:
		return "SELECT external_userid AS ext FROM segment_members WHERE corp_id = ? AND segment_id = ? AND version = ?",
			[]any{ms.CorpID, ms.SegmentID, ms.SegmentVersion}, nil
	case app.AudienceList:
		return "SELECT external_userid AS ext FROM mass_send_uploads WHERE corp_id = ? AND send_id = ?", []any{ms.CorpID, ms.ID}, nil
	case app.AudienceTags:
		return tagAudience(ms)
	case app.AudienceGroups:
		return groupAudience(ms)
	}
	return "", nil, fmt.Errorf("mass send %d: unknown audience %q", ms.ID, ms.AudienceKind)
}

// tagAudience selects the customers who, for every tag group, carry one
// of its tags on some follow.
func tagAudience(ms *app.MassSend) (string, []any, error) {
	var groups [][]string
	if err := json.Unmarshal([]byte(ms.TagGroups), &groups); err != nil {
		return "", nil, fmt.Errorf("mass send %d tag groups: %w", ms.ID, err)
	}
	q := "SELECT c.external_userid AS ext FROM customers c WHERE c.corp_id = ?"
	args := []any{ms.CorpID}
	for _, g := range groups {
		if len(g) == 0 {
			continue
		}
		q += " AND EXISTS (SELECT 1 FROM follow_tags t WHERE t.corp_id = c.corp_id AND t.external_userid = c.external_userid AND t.tag_id IN (?" +
			strings.Repeat(", ?", len(g)-1) + "))"
		for _, t := range g {
			args = append(args, t)
		}
	}
	return q, args, nil
}

// classified is the SQL giving each audience customer their guide (the
// owner in the send's scope) and the first exclusion reason that applies
// ("" for none): no owner, not their owner's friend, over the receive
// limit (counted in this ledger since the period's start), held out.
func classified(ms *app.MassSend, o app.MassSendPlanOptions) (string, []any, error) {
	aud, args, err := audience(ms)
	if err != nil {
		return "", nil, err
	}
	limit := int64(o.LimitCount)
	if limit <= 0 {
		limit = math.MaxInt32
	}
	if ms.ChatType == app.ChatGroup {
		return classifiedGroups(ms, o, aud, args, limit)
	}
	owners, ownerArgs := ownerJoin(ms)
	q := `SELECT a.ext AS ext, COALESCE(o.userid, '') AS guide, CASE
	  WHEN o.userid IS NULL OR o.userid = '' THEN '` + app.ExcludeNoOwner + `'
	  WHEN f.external_userid IS NULL THEN '` + app.ExcludeNotFriend + `'
	  WHEN COALESCE(n.cnt, 0) >= ? THEN '` + app.ExcludeOverLimit + `'
	  WHEN ((COALESCE(c.id, 0) * ? + ? * ?) % ?) % 100 < ? THEN '` + app.ExcludeHoldout + `'
	  ELSE '' END AS reason
	FROM (` + aud + `) a
	LEFT JOIN ` + owners + `
	LEFT JOIN follows f ON f.corp_id = ? AND f.userid = o.userid AND f.external_userid = a.ext AND f.deleted_at IS NULL
	LEFT JOIN customers c ON c.corp_id = ? AND c.external_userid = a.ext
	LEFT JOIN (SELECT r.external_userid, COUNT(*) AS cnt FROM mass_send_recipients r
	  WHERE r.corp_id = ? AND r.send_id <> ? AND r.excluded = '' AND r.result IN ('', ?) AND r.planned_at >= ?
	  GROUP BY r.external_userid) n ON n.external_userid = a.ext`
	head := []any{limit, holdoutMul, ms.ID, holdoutSendMul, holdoutMod, ms.HoldoutPercent}
	tail := append(ownerArgs, ms.CorpID, ms.CorpID, ms.CorpID, ms.ID, app.ResultSent, o.PeriodStart.UTC())
	return q, append(append(head, args...), tail...), nil
}

// classifiedGroups is classified for a group send: each listed chat_id's
// guide is the group's owner; a dismissed group is left out, one unknown
// or without owner has none, and the limit and holdout apply per group.
func classifiedGroups(ms *app.MassSend, o app.MassSendPlanOptions, aud string, args []any, limit int64) (string, []any, error) {
	guide, pre := "COALESCE(g.owner, '')", []any{}
	if ms.Sender != "" { // the guide is named in the select and the owner check
		guide, pre = "CAST(? AS CHAR(64))", []any{ms.Sender, ms.Sender}
	}
	q := `SELECT a.ext AS ext, ` + guide + ` AS guide, CASE
	  WHEN g.dismissed_at IS NOT NULL THEN '` + app.ExcludeDismissed + `'
	  WHEN g.id IS NULL OR ` + guide + ` = '' THEN '` + app.ExcludeNoOwner + `'
	  WHEN COALESCE(n.cnt, 0) >= ? THEN '` + app.ExcludeOverLimit + `'
	  WHEN ((COALESCE(g.id, 0) * ? + ? * ?) % ?) % 100 < ? THEN '` + app.ExcludeHoldout + `'
	  ELSE '' END AS reason
	FROM (` + aud + `) a
	LEFT JOIN customer_groups g ON g.corp_id = ? AND g.chat_id = a.ext
	LEFT JOIN (SELECT r.external_userid, COUNT(*) AS cnt FROM mass_send_recipients r
	  WHERE r.corp_id = ? AND r.send_id <> ? AND r.excluded = '' AND r.result IN ('', ?) AND r.planned_at >= ?
	  GROUP BY r.external_userid) n ON n.external_userid = a.ext`
	head := []any{limit, holdoutMul, ms.ID, holdoutSendMul, holdoutMod, ms.HoldoutPercent}
	tail := []any{ms.CorpID, ms.CorpID, ms.ID, app.ResultSent, o.PeriodStart.UTC()}
	return q, append(append(append(pre, head...), args...), tail...), nil
}

// ownerJoin is the join giving each customer of a single send its guide
// as o.userid: the owner in the send's scope, or the send's Sender for
// every customer when it has one (a journey's mass-send step).
func ownerJoin(ms *app.MassSend) (string, []any) {
	if ms.Sender != "" {
		return "(SELECT CAST(? AS CHAR(64)) AS userid) o ON 1 = 1", []any{ms.Sender}
	}
	return "customer_owners o ON o.corp_id = ? AND o.scope = ? AND o.external_userid = a.ext AND o.status = ?",
		[]any{ms.CorpID, ms.Scope, app.OwnerAssigned}
}

// intDiv is integer division in the dialect.
func (s *MassSendStore) intDiv() string {
	if s.mysql() {
		return " DIV "
	}
	return " / "
}

// PlanMassSend plans a scheduled send inside the database, in one
// transaction: every audience customer becomes one recipient row with
// their guide and either a chunk number (per guide, in external_userid
// order, at most o.ChunkSize to a chunk, by ROW_NUMBER) or an exclusion
// reason; then one ledger row per (guide, chunk), planned; then the
// send's counts, and its status moves to sending. No customer passes
// through Go. It reports false (and writes nothing) when the send is no
// longer scheduled: another run planned or cancelled it.
func (s *MassSendStore) PlanMassSend(ctx context.Context, ms *app.MassSend, o app.MassSendPlanOptions) (bool, error) {
	sel, args, err := classified(ms, o)
	if err != nil {
		return false, err
	}
	planned := false
	err = s.db.InTx(ctx, func(ctx context.Context) error {
		res := s.db.with(ctx).Exec("UPDATE mass_sends SET status = ?, planned_at = ?, updated_at = ? WHERE id = ? AND corp_id = ? AND status = ?",
			app.MassSendSending, o.Now, o.Now, ms.ID, ms.CorpID, app.MassSendScheduled)
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		planned = true
		return s.writePlan(ctx, ms, o, sel, args)
	})
	return planned, err
}

// writePlan inserts the recipients, then the chunks, then the counts.
func (s *MassSendStore) writePlan(ctx context.Context, ms *app.MassSend, o app.MassSendPlanOptions, sel string, args []any) error {
	q := `INSERT INTO mass_send_recipients (corp_id, send_id, external_userid, userid, chunk, excluded, result, planned_at)
	SELECT ?, ?, x.ext, x.guide, CASE WHEN x.reason = '' THEN (ROW_NUMBER() OVER (PARTITION BY x.guide, x.reason ORDER BY x.ext) - 1)` +
		s.intDiv() + `? + 1 ELSE 0 END, x.reason, '', ? FROM (` + sel + `) x`
	if err := s.db.with(ctx).Exec(q, append([]any{ms.CorpID, ms.ID, o.ChunkSize, o.Now}, args...)...).Error; err != nil {
		return fmt.Errorf("plan mass send %d recipients: %w", ms.ID, err)
	}
	err := s.db.with(ctx).Exec(`INSERT INTO mass_send_chunks (corp_id, send_id, userid, chunk, size, state, fence, confirmed, error, created_at, updated_at)
	SELECT corp_id, send_id, userid, chunk, COUNT(*), ?, 0, ?, '', ?, ? FROM mass_send_recipients
	WHERE corp_id = ? AND send_id = ? AND excluded = '' GROUP BY corp_id, send_id, userid, chunk`, app.ChunkPlanned, false, o.Now, o.Now, ms.CorpID, ms.ID).Error
	if err != nil {
		return fmt.Errorf("plan mass send %d chunks: %w", ms.ID, err)
	}
	return s.writeCounts(ctx, ms)
}

// writeCounts stores the planned send's counts.
func (s *MassSendStore) writeCounts(ctx context.Context, ms *app.MassSend) error {
	var rows []struct {
		Excluded string
		N        int64
	}
	if err := s.db.with(ctx).Raw("SELECT excluded, COUNT(*) AS n FROM mass_send_recipients WHERE corp_id = ? AND send_id = ? GROUP BY excluded", ms.CorpID, ms.ID).
		Scan(&rows).Error; err != nil {
		return err
	}
	var targeted, excluded, holdout, chunks int64
	for _, r := range rows {
		switch r.Excluded {
		case "":
			targeted = r.N
		case app.ExcludeHoldout:
			holdout, excluded = r.N, excluded+r.N
		default:
			excluded += r.N
		}
	}
	if err := s.db.with(ctx).Raw("SELECT COUNT(*) FROM mass_send_chunks WHERE corp_id = ? AND send_id = ?", ms.CorpID, ms.ID).Scan(&chunks).Error; err != nil {
		return err
	}
	return s.db.with(ctx).Exec("UPDATE mass_sends SET targeted = ?, excluded = ?, holdout = ?, chunks = ? WHERE corp_id = ? AND id = ?",
		targeted, excluded, holdout, chunks, ms.CorpID, ms.ID).Error
}

// PreviewMassSend computes what planning would do now (per guide counts,
// exclusions by reason), writing nothing.
func (s *MassSendStore) PreviewMassSend(ctx context.Context, ms *app.MassSend, o app.MassSendPlanOptions) (*app.MassSendPreview, error) {
	sel, args, err := classified(ms, o)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Guide, Reason string
		N             int64
	}
	if err := s.db.with(ctx).Raw("SELECT x.guide AS guide, x.reason AS reason, COUNT(*) AS n FROM ("+sel+") x GROUP BY x.guide, x.reason ORDER BY x.guide", args...).
		Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("preview mass send %d: %w", ms.ID, err)
	}
	p := &app.MassSendPreview{Excluded: map[string]int64{}}
	for _, r := range rows {
		if r.Reason != "" {
			p.Excluded[r.Reason] += r.N
			continue
		}
		p.Targeted += r.N
		p.Guides = append(p.Guides, app.MassSendGuideCount{UserID: r.Guide, Recipients: r.N, Chunks: (r.N + int64(o.ChunkSize) - 1) / int64(o.ChunkSize)})
	}
	return p, nil
}
