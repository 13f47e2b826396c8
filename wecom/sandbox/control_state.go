package sandbox

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// CorpInfo is what an operator needs to register a sandbox corp in Siyu:
// its credentials, where its callbacks go, and its clock.
type CorpInfo struct {
	CorpID         string    `json:"corp_id"`
	ContactSecret  string    `json:"contact_secret"`
	AppSecret      string    `json:"app_secret"`
	AgentID        int       `json:"agent_id"`
	Token          string    `json:"token"`
	EncodingAESKey string    `json:"encoding_aes_key"`
	CallbackURL    string    `json:"callback_url"`
	Now            time.Time `json:"now"`
	// OA is the corp's 公众号, for `siyu wechat add`.
	OA OAInfo `json:"oa"`
}

// OAInfo is what an operator needs to register the corp's 公众号 in Siyu.
type OAInfo struct {
	AppID          string `json:"appid"`
	Secret         string `json:"secret"`
	Token          string `json:"token"`
	EncodingAESKey string `json:"encoding_aes_key"`
	CallbackURL    string `json:"callback_url"`
}

// Info returns the corp's CorpInfo.
func (c *Corp) Info() CorpInfo {
	cfg := c.Config()
	return CorpInfo{CorpID: cfg.CorpID, ContactSecret: cfg.ContactSecret, AppSecret: cfg.AppSecret, AgentID: cfg.AgentID,
		Token: cfg.Token, EncodingAESKey: cfg.EncodingAESKey, CallbackURL: cfg.CallbackURL, Now: c.Now(),
		OA: OAInfo{AppID: cfg.OA.AppID, Secret: cfg.OA.Secret, Token: cfg.OA.Token, EncodingAESKey: cfg.OA.EncodingAESKey,
			CallbackURL: cfg.OA.CallbackURL}}
}

func (s *Sandbox) controlCorps(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	corps := s.corpList()
	s.mu.Unlock()
	ids := make([]string, 0, len(corps))
	for _, c := range corps {
		ids = append(ids, c.ID())
	}
	writeControl(w, http.StatusOK, ids)
}

func (s *Sandbox) controlCorp(w http.ResponseWriter, r *http.Request) {
	if c := s.controlCorpOf(w, r); c != nil {
		writeControl(w, http.StatusOK, c.Info())
	}
}

func (s *Sandbox) controlCorpOf(w http.ResponseWriter, r *http.Request) *Corp {
	c := s.Corp(r.PathValue("corp"))
	if c == nil {
		controlError(w, http.StatusNotFound, "not_found", "没有这个企业 (no such corp): "+r.PathValue("corp"))
	}
	return c
}

// controlState lists one kind of the corp's state, from a snapshot.
func (s *Sandbox) controlState(w http.ResponseWriter, r *http.Request) {
	c := s.controlCorpOf(w, r)
	if c == nil {
		return
	}
	if r.PathValue("kind") == "deliveries" {
		writeControl(w, http.StatusOK, pickDeliveries(c.Deliveries(), r.URL.Query()))
		return
	}
	snap := c.Snapshot()
	views := map[string]func() any{
		"members": func() any { return snap.Members }, "customers": func() any { return snap.Customers },
		"groups": func() any { return snap.Groups }, "tags": func() any { return snap.TagGroups },
		"snapshot": func() any { return snap },
		"follows": func() any {
			return filterFollows(snap.Follows, r.URL.Query().Get("userid"), r.URL.Query().Get("external_userid"))
		},
	}
	view, ok := views[r.PathValue("kind")]
	if !ok {
		controlError(w, http.StatusNotFound, "not_found", "未知的状态种类 (unknown kind) "+r.PathValue("kind")+
			": members, customers, follows, groups, tags, snapshot, deliveries")
		return
	}
	writeControl(w, http.StatusOK, view())
}

// filterFollows keeps the follows of userID and of externalUserID (either
// empty matches all).
func filterFollows(fs []Follow, userID, externalUserID string) []Follow {
	out := []Follow{}
	for _, f := range fs {
		if (userID == "" || f.UserID == userID) && (externalUserID == "" || f.ExternalUserID == externalUserID) {
			out = append(out, f)
		}
	}
	return out
}

// pickDeliveries keeps the deliveries of the events listed in ?events=
// (comma-separated sequence numbers), else the last ?last= ones.
func pickDeliveries(all []Delivery, q url.Values) []Delivery {
	if q.Get("events") == "" {
		return lastDeliveries(all, q.Get("last"))
	}
	want := map[int64]bool{}
	for _, s := range strings.Split(q.Get("events"), ",") {
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			want[n] = true
		}
	}
	out := []Delivery{}
	for _, d := range all {
		if want[d.Event.Seq] {
			out = append(out, d)
		}
	}
	return out
}

// lastDeliveries keeps the last n (default 20) deliveries.
func lastDeliveries(all []Delivery, last string) []Delivery {
	n, err := strconv.Atoi(last)
	if err != nil || n <= 0 {
		n = 20
	}
	if len(all) > n {
		all = all[len(all)-n:]
	}
	return all
}
