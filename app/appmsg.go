package app

import "time"

// What became of one WeCom app message handed over (a guide's reminder,
// a store manager's digest): the ledgers that send them record the same
// three outcomes, so they decide them here once.
const (
	MessageSent    = "sent"    // WeCom took it
	MessageRefused = "refused" // refused for good: no retry heals it
	MessageRetry   = "retry"   // left claimed, for the next run to send again
)

// MessageOutcome is the outcome of one app message: its kind, WeCom's
// msgid, a note for people (clipped to its column) and when it was sent.
type MessageOutcome struct {
	Kind   string
	MsgID  string
	Note   string
	SentAt *time.Time
}

// AppMessageOutcome decides the outcome of a message WeCom answered with
// msgID and invalidUsers (the recipients it would not reach) or err;
// unreachable is the note shown when the recipient is out of the app's
// range.
func AppMessageOutcome(msgID string, invalidUsers int, err error, unreachable string, now time.Time) MessageOutcome {
	switch {
	case err == nil && invalidUsers > 0:
		return MessageOutcome{Kind: MessageRefused, MsgID: msgID, Note: unreachable}
	case err == nil:
		at := now.UTC()
		return MessageOutcome{Kind: MessageSent, MsgID: msgID, SentAt: &at}
	case Permanent(err):
		return MessageOutcome{Kind: MessageRefused, Note: Clip(ErrorMessage(err), NoteRunes)}
	}
	return MessageOutcome{Kind: MessageRetry, Note: Clip(ErrorMessage(err), NoteRunes)}
}

// NoteRunes is how long a ledger's error note may be (the column's width
// in runes, with room to spare).
const NoteRunes = 80

// Permanent reports a refusal no retry heals: the request is wrong, not
// allowed, or about something that does not exist.
func Permanent(err error) bool {
	switch ErrorCode(err) {
	case EINVALID, EFORBIDDEN, ENOTFOUND:
		return true
	}
	return false
}

// Clip keeps the first n runes of s.
func Clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
