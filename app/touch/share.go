package touch

import (
	"context"
	"crypto/rand"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// codeAlphabet makes share codes: letters and digits only, so a code
// survives being pasted into a chat, a poster or an SMS.
const codeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// codeLen gives 57^8 ≈ 1.1e14 codes: guessing one is hopeless, and a
// clash (answered with another code) is rare.
const codeLen = 8

// ShareInput is a link a guide is about to share.
type ShareInput struct {
	UserID string `json:"userid"`
	Target string `json:"target"`
	Title  string `json:"title"`
}

// CreateShareLink makes guide in.UserID's trackable link to in.Target.
func (s *Service) CreateShareLink(ctx context.Context, corpID int64, in ShareInput) (*app.ShareLink, error) {
	l, err := s.checkShare(ctx, corpID, in)
	if err != nil {
		return nil, err
	}
	for range 5 {
		l.Code = newCode()
		if err = s.Store.CreateShareLink(ctx, l); app.ErrorCode(err) != app.ECONFLICT {
			return l, err
		}
	}
	return nil, err
}

// checkShare validates in, every field at once.
func (s *Service) checkShare(ctx context.Context, corpID int64, in ShareInput) (*app.ShareLink, error) {
	var f app.Fields
	in.UserID, in.Target, in.Title = strings.TrimSpace(in.UserID), strings.TrimSpace(in.Target), strings.TrimSpace(in.Title)
	u, err := url.Parse(in.Target)
	f.Check(err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(in.Target) > 1024,
		"target", "链接应为 http:// 或 https:// 开头的完整网址（不超过 1024 个字符）")
	f.Check(utf8.RuneCountInString(in.Title) > 128, "title", "标题不能超过 128 个字符")
	l := &app.ShareLink{CorpID: corpID, UserID: in.UserID, Target: in.Target, Title: in.Title, CreatedBy: app.Actor(ctx)}
	gs, err := s.Org.GuidesByUserID(ctx, corpID, []string{in.UserID})
	if err != nil {
		return nil, err
	}
	if g, ok := gs[in.UserID]; !ok || g.Status != app.GuideActive {
		f.Add("userid", "导购不存在或已离职")
	} else {
		l.StoreID = &g.StoreID
	}
	return l, f.Err()
}

// Click logs one opening of link code as a share_click touch for its
// guide (and, when known, the member or customer who opened it) and
// returns where to send them. source identifies this opening (the
// request), so a retried write of it counts once.
func (s *Service) Click(ctx context.Context, code, source string, memberID *int64, externalUserID string) (string, error) {
	l, err := s.Store.FindShareLink(ctx, code)
	if err != nil {
		return "", err
	}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.CountClick(ctx, l.CorpID, l.ID); err != nil {
			return err
		}
		return s.Record(ctx, app.Touch{CorpID: l.CorpID, Kind: app.TouchShareClick, SourceID: "click:" + source,
			UserID: l.UserID, StoreID: l.StoreID, MemberID: memberID, ExternalUserID: externalUserID,
			Detail: detail(map[string]any{"code": l.Code, "title": l.Title})})
	})
	return l.Target, err
}

// ShareLinks pages the corp's links, one guide's when userID is set.
func (s *Service) ShareLinks(ctx context.Context, corpID int64, userID string, p app.Page) ([]app.ShareLink, int64, error) {
	return s.Store.ListShareLinks(ctx, corpID, userID, p)
}

// newCode draws codeLen letters uniformly: bytes past the last whole
// multiple of the alphabet are drawn again, so no letter is likelier.
func newCode() string {
	out := make([]byte, 0, codeLen)
	limit := byte(256 / len(codeAlphabet) * len(codeAlphabet))
	b := make([]byte, 1)
	for len(out) < codeLen {
		_, _ = rand.Read(b)
		if b[0] < limit {
			out = append(out, codeAlphabet[int(b[0])%len(codeAlphabet)])
		}
	}
	return string(out)
}
