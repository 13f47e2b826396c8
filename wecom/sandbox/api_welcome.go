package sandbox

import "encoding/json"

// apiSendWelcomeMsg sends the welcome message for a welcome code: valid
// for Options.WelcomeCodeTTL (20 s) of sandbox time and once only (41050
// otherwise), refused once member and customer have chatted (41051).
func (c *Corp) apiSendWelcomeMsg(q *call) (any, error) {
	var req struct {
		WelcomeCode string `json:"welcome_code"`
		Text        struct {
			Content string `json:"content"`
		} `json:"text"`
		Attachments []json.RawMessage `json:"attachments"`
	}
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	wc, err := c.usableWelcomeCode(req.WelcomeCode)
	if err != nil {
		return nil, err
	}
	switch {
	case len(req.Attachments) > 9:
		return nil, fail(41064)
	case len(req.Text.Content) > 4000:
		return nil, failf(40058, "text.content exceeds 4000 bytes")
	case req.Text.Content == "" && len(req.Attachments) == 0:
		return nil, fail(44004)
	}
	wc.used = true
	c.st.ext.welcomes = append(c.st.ext.welcomes, WelcomeMessage{
		WelcomeCode: wc.code, UserID: wc.userID, ExternalUserID: wc.externalUserID,
		SentAt: c.Now(), Text: req.Text.Content, Attachments: len(req.Attachments),
	})
	return nil, nil
}

func (c *Corp) usableWelcomeCode(code string) (*welcomeCode, error) {
	if code == "" {
		return nil, fail(41049)
	}
	wc := c.st.ext.welcomeCodes[code]
	if wc == nil || wc.used || c.Now().Sub(wc.issued) > c.sb.opts.WelcomeCodeTTL {
		return nil, fail(41050)
	}
	if f := c.st.follow(wc.userID, wc.externalUserID); f == nil {
		return nil, fail(41050)
	} else if f.Chatted {
		return nil, fail(41051)
	}
	return wc, nil
}
