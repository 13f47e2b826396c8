package sandbox

import "time"

// MassSend is a mass-send task (企业群发): nothing reaches a customer until
// the member confirms it in the client (MemberConfirmsMassSend).
type MassSend struct {
	MsgID    string
	ChatType string // single or group
	// Creator is the member who created it in the client; empty for the
	// API (CreateType 0).
	Creator     string
	CreateType  int
	CreateTime  int64
	Text        string
	Attachments int
	// MediaIDs are the uploaded media its attachments name.
	MediaIDs  []string
	Cancelled bool
	// Reminders are the sandbox times of remind_groupmsg_send calls.
	Reminders []int64
	Tasks     []MassSendTask
	Results   []MassSendResult
	// FailList are the customers add_msg_template answered it left out
	// (no member follows them), for tests to tell them from a request
	// that never named them.
	FailList []string
}

// MassSendTask is one member's part of a mass send.
type MassSendTask struct {
	UserID string
	// Status is 0 not sent, 2 sent.
	Status   int
	SendTime int64
}

// MassSendResult is one customer's (or group's) outcome.
type MassSendResult struct {
	ExternalUserID string // single
	ChatID         string // group
	UserID         string
	// Status is 0 not sent, 1 sent, 2 not a friend any more, 3 over the
	// customer's receive limit.
	Status   int
	SendTime int64
}

// SetMassSendLimit changes this corp's per-customer receive limit.
func (c *Corp) SetMassSendLimit(l MassSendLimit) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.st.ext.massLimit = l
}

// periodStart is the start of the calendar period holding t.
func periodStart(t time.Time, period string) time.Time {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	switch period {
	case "day":
		return day
	case "week":
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)) // from Monday
	}
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
}

// received counts mass messages a customer got since from; callers hold
// c.mu.
func (c *Corp) received(externalUserID string, from int64) int {
	n := 0
	for _, ms := range c.st.ext.massSends {
		for _, r := range ms.Results {
			if r.ExternalUserID == externalUserID && r.Status == 1 && r.SendTime >= from {
				n++
			}
		}
	}
	return n
}

func copyMassSend(ms *MassSend) MassSend {
	out := *ms
	out.Reminders = append([]int64(nil), ms.Reminders...)
	out.Tasks = append([]MassSendTask(nil), ms.Tasks...)
	out.Results = append([]MassSendResult(nil), ms.Results...)
	out.FailList = append([]string(nil), ms.FailList...)
	return out
}

func (c *Corp) snapshotMassSends() []MassSend {
	var out []MassSend
	for _, id := range c.st.ext.massSendIDs {
		out = append(out, copyMassSend(c.st.ext.massSends[id]))
	}
	return out
}
