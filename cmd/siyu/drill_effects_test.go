package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// drillText is the mass send's text, which finds its WeCom tasks.
const drillText = "扩容演练：会员日全场八折"

// createJourney creates, through the JSON API, a journey of two steps on
// the day a guide adds a customer, both due at the first whole minute
// after the next 5 s (corp time): a guide task, and the 金卡 tag marked.
func (w *drill) createJourney(t *testing.T) int64 {
	zone, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	due := time.Now().Add(5 * time.Second).In(zone).Truncate(time.Minute).Add(time.Minute)
	at := due.Format("15:04")
	w.journeyDay = due.Format(time.DateOnly)
	body := map[string]any{"name": "新客当天回访", "trigger": app.JourneyTrigger{Kind: app.TriggerAdded}, "reentry": app.ReentryOnce,
		"steps": []app.JourneyStep{{Days: 0, At: at, Action: app.ActionTask, Content: "欢迎光临，有需要随时找我"},
			{Days: 0, At: at, Action: app.ActionTask, Content: "送您一张新客券"}}}
	status, raw := callAPI(t, w.fleet.api(), w.token, http.MethodPost, w.path("/journeys"), body)
	require.Equal(t, http.StatusCreated, status, "%s", raw)
	var j struct{ ID int64 }
	require.NoError(t, json.Unmarshal(raw, &j))
	return j.ID
}

// createMassSend sends, through the JSON API, to every customer a guide
// follows now.
func (w *drill) createMassSend(t *testing.T) int64 {
	var exts []string
	for _, f := range w.sc.Snapshot().Follows {
		if !slices.Contains(exts, f.ExternalUserID) {
			exts = append(exts, f.ExternalUserID)
		}
	}
	body := map[string]any{"name": "扩容演练", "chat_type": "single", "text": drillText,
		"audience": map[string]any{"kind": app.AudienceList, "external_userids": exts}}
	status, raw := callAPI(t, w.fleet.api(), w.token, http.MethodPost, w.path("/mass-sends"), body)
	require.Equal(t, http.StatusCreated, status, "%s", raw)
	var ms struct{ ID int64 }
	require.NoError(t, json.Unmarshal(raw, &ms))
	return ms.ID
}

// confirmAll has every guide send their tasks of the send that wait.
func (w *drill) confirmAll(t *testing.T, send int64) {
	if send == 0 {
		return
	}
	for _, m := range w.sc.MassSends() {
		if m.Text == drillText && m.Tasks[0].Status == 0 {
			require.NoError(t, w.sc.MemberConfirmsMassSend(m.MsgID, m.Tasks[0].UserID))
		}
	}
}

func (w *drill) massSendStatus(t *testing.T, send int64) string {
	var s string
	require.NoError(t, w.d.SQL().QueryRow("SELECT status FROM mass_sends WHERE id = ?", send).Scan(&s))
	return s
}

// checkMassSend compares the send's chunks with the sandbox's WeCom
// tasks: exactly one per (guide, chunk), made for that chunk's customers
// (those who left the guide after the plan, which WeCom answers in
// fail_list, recorded as not included).
func (w *drill) checkMassSend(t *testing.T, send int64) {
	chunks, results := map[string][]string{}, map[string]string{}
	excluded := map[string]int{}
	for _, r := range w.rows(t, "SELECT external_userid, userid, chunk, excluded, result FROM mass_send_recipients WHERE send_id = ?", send) {
		if r[3] != "" {
			excluded[r[3]]++
			continue
		}
		chunks[r[1]+":"+r[2]] = append(chunks[r[1]+":"+r[2]], r[0])
		results[r[0]] = r[4]
	}
	byFirst := map[string]string{} // a chunk's first customer names it
	for k, exts := range chunks {
		sort.Strings(exts)
		byFirst[exts[0]] = k
	}
	sent, leftOut := w.drillTasks(t, byFirst)
	require.NotEmpty(t, chunks, "customers excluded: %v", excluded)
	for k, exts := range chunks {
		assert.Equal(t, exts, sent[k], "chunk %s", k)
	}
	assert.Len(t, sent, len(chunks), "one WeCom task per (guide, chunk)")
	for _, ext := range leftOut {
		assert.Equal(t, app.ResultNotIncluded, results[ext], "%s, left out by WeCom", ext)
	}
	testkit.Report(t, "mass send: %d chunks, %d WeCom tasks, %d customers left out by WeCom (no longer friends), customers excluded %v",
		len(chunks), len(sent), len(leftOut), excluded)
}

// drillTasks are the customers each WeCom task of the send was made for
// (sent to or in its fail_list), by the chunk whose first customer they
// start with, and the customers WeCom left out; a second task for a
// chunk fails t.
func (w *drill) drillTasks(t *testing.T, byFirst map[string]string) (map[string][]string, []string) {
	sent := map[string][]string{}
	var leftOut []string
	for _, m := range w.sc.MassSends() {
		if m.Text != drillText {
			continue
		}
		exts := slices.Clone(m.FailList)
		for _, r := range m.Results {
			exts = append(exts, r.ExternalUserID)
		}
		sort.Strings(exts)
		require.NotEmpty(t, exts)
		key := byFirst[exts[0]]
		require.NotContains(t, sent, key, "a second WeCom task for chunk %s", key)
		sent[key] = exts
		leftOut = append(leftOut, m.FailList...)
	}
	return sent, leftOut
}

// checkJourney checks each step fired once for each customer, and each
// fire gave one guide task; and that every customer a guide follows,
// added on the day the steps are due (corp time), had both steps fired:
// a tick every 5 s catches up with the last adds.
func (w *drill) checkJourney(t *testing.T, journey int64) {
	var fires map[string]int
	var missed []string
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Second) {
		fires, missed = w.journeyFires(t, journey)
		if len(missed) == 0 || time.Now().After(deadline) {
			break
		}
	}
	assert.Empty(t, missed, "every customer added today went through both steps")
	for k, n := range fires {
		assert.Equal(t, 1, n, "step/customer %s fired once", k)
	}
	tasks := map[string]int{}
	for _, r := range w.rows(t, "SELECT source, external_userid FROM guide_tasks WHERE kind = ?", app.TaskJourneyStep) {
		tasks[r[0]]++
	}
	for k, n := range tasks {
		assert.Equal(t, 1, n, "one guide task of fire %s", k)
	}
	done := w.count(t, "SELECT COUNT(*) FROM journey_fires WHERE journey_id = ? AND status = ?", journey, app.FireDone)
	assert.Len(t, tasks, done, "a guide task per fire done")
	require.NotEmpty(t, fires)
	testkit.Report(t, "journey: %d fires (step, customer), each once, %d done, %d guide tasks", len(fires), done, len(tasks))
}

// journeyFires counts the journey's fires by step/customer, and
// lists the step/customer of every customer followed now, added on the
// journey's day, without one.
func (w *drill) journeyFires(t *testing.T, journey int64) (map[string]int, []string) {
	fires := map[string]int{}
	for _, r := range w.rows(t, "SELECT step_id, external_userid FROM journey_fires WHERE journey_id = ?", journey) {
		fires[r[0]+"/"+r[1]]++
	}
	zone, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	var missed []string
	for _, f := range w.sc.Snapshot().Follows {
		// A customer added (on the sandbox's clock, which the actor moves
		// ahead) after the corp's midnight is due the next day.
		if time.Unix(f.CreateTime, 0).In(zone).Format(time.DateOnly) != w.journeyDay {
			continue
		}
		for _, step := range []string{"1", "2"} {
			if fires[step+"/"+f.ExternalUserID] == 0 {
				missed = append(missed, step+"/"+f.ExternalUserID)
			}
		}
	}
	return fires, missed
}

// rows are a query's rows as strings (NULL as "").
func (w *drill) rows(t *testing.T, q string, args ...any) [][]string {
	return testkit.QueryRows(t, w.d, q, args...)
}
