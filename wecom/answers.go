package wecom

import (
	"errors"
)

// Answers a capability must act on by name rather than by domain code.
// Every error the client returns for one of these codes is errors.Is the
// sentinel, so no code outside this package knows WeCom's numbers.
var (
	// ErrWelcomeCodeSpent: the 20-second welcome code lapsed or was used
	// (41049, 41050), or a welcome with it is being sent (41096).
	ErrWelcomeCodeSpent = errors.New("wecom: welcome code expired or spent")
	// ErrAlreadyChatting: the customer and the member have chatted, so no
	// welcome may be sent (41051).
	ErrAlreadyChatting = errors.New("wecom: customer already chatting")
	// ErrContactWayGone: WeCom knows no such contact way (41044).
	ErrContactWayGone = errors.New("wecom: contact way not found")
	// ErrTransferTooFrequent: the customer was transferred twice in 90
	// days (40128).
	ErrTransferTooFrequent = errors.New("wecom: customer transferred too often")
	// ErrMemberOutOfScope: the member is outside the app's visible range
	// (60011); other members may still be readable.
	ErrMemberOutOfScope = errors.New("wecom: member outside the app's visible range")
	// ErrRemindLimit: the mass send was already reminded 3 times in 24
	// hours (41094); the next reminder must wait.
	ErrRemindLimit = errors.New("wecom: mass send reminded too often")
	// ErrInvalidMedia: a media_id WeCom does not know or no longer keeps
	// (40007): uploads lapse after MediaTTL, so upload again.
	ErrInvalidMedia = errors.New("wecom: media_id unknown or expired")
)

// answers maps the codes above to their sentinel.
var answers = map[int]error{
	41049: ErrWelcomeCodeSpent, 41050: ErrWelcomeCodeSpent, 41096: ErrWelcomeCodeSpent,
	41051: ErrAlreadyChatting,
	41044: ErrContactWayGone,
	40128: ErrTransferTooFrequent,
	60011: ErrMemberOutOfScope,
	41094: ErrRemindLimit,
	40007: ErrInvalidMedia,
}

// Refused reports that WeCom answered the call with an error code: it
// was received and refused, so it surely had no effect (unlike a timeout
// or a lost connection, after which the outcome is unknown).
func Refused(err error) bool { return ErrCode(err) != 0 }

// answered is err with its sentinel, if its code has one.
func answered(code int, err error) error {
	if a, ok := answers[code]; ok {
		return &answerError{err: err, answer: a}
	}
	return err
}

// answerError is a WeCom error that is also its sentinel.
type answerError struct {
	err    error
	answer error
}

func (e *answerError) Error() string   { return e.err.Error() }
func (e *answerError) Unwrap() []error { return []error{e.err, e.answer} }
