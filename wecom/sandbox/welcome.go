package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"time"
)

// welcomeCode is a WelcomeCode handed out with add_external_contact.
type welcomeCode struct {
	code           string
	userID         string
	externalUserID string
	issued         time.Time
	used           bool
}

// WelcomeMessage is a welcome message sent with send_welcome_msg, so tests
// can check each customer got exactly one.
type WelcomeMessage struct {
	WelcomeCode    string
	UserID         string
	ExternalUserID string
	SentAt         time.Time
	Text           string
	Attachments    int
}

// issueWelcomeCode mints a code for a new follow; callers hold c.mu.
func (c *Corp) issueWelcomeCode(userID, externalUserID string) string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	code := base64.RawURLEncoding.EncodeToString(b)
	c.st.ext.welcomeCodes[code] = &welcomeCode{
		code: code, userID: userID, externalUserID: externalUserID, issued: c.Now(),
	}
	return code
}

// WelcomeMessages returns the welcome messages sent so far, oldest first.
func (c *Corp) WelcomeMessages() []WelcomeMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]WelcomeMessage(nil), c.st.ext.welcomes...)
}
