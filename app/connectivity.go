package app

import (
	"context"
	"time"
)

// ConnectivityCheck is one part of a corp's WeCom setup, checked: whether
// it works, the errcode WeCom answered when it did not, and what to change
// in WeCom's admin console (管理后台) or in Siyu to fix it.
type ConnectivityCheck struct {
	Key     string // CheckContactSecret, CheckAppSecret, CheckCallback, CheckTrustedIP
	Name    string // as the console shows it
	Status  string // CheckOK, CheckFailed, CheckUnknown
	ErrCode int    // WeCom's errcode, 0 when there was none
	Detail  string // what was seen, in Chinese
	Hint    string // how to fix it, in Chinese; "" when it works
}

// The parts of a corp's setup the connectivity check covers.
const (
	CheckContactSecret = "contact_secret" // 客户联系 secret
	CheckAppSecret     = "app_secret"     // self-built app secret and agent id
	CheckCallback      = "callback"       // the receive-event URL
	CheckTrustedIP     = "trusted_ip"     // 企业可信IP
)

// Outcomes of a check. Unknown: nothing could tell (the trusted IP when no
// call got past gettoken).
const (
	CheckOK      = "ok"
	CheckFailed  = "failed"
	CheckUnknown = "unknown"
)

// ConnectivityChecker checks a corp's WeCom setup, one result per part.
type ConnectivityChecker interface {
	CheckConnectivity(ctx context.Context, corpID int64) ([]ConnectivityCheck, error)
}

// Kinds of callback request the receiver remembers per corp.
const (
	CallbackVerified = "verified" // WeCom's URL verification (echostr), answered
	CallbackEvent    = "event"    // an event whose signature checked out
	CallbackRefused  = "refused"  // a request for the corp whose signature or decryption failed
)

// CallbacksSeen is when a corp's callbacks last arrived, by kind; a zero
// time is none within CallbackMemory.
type CallbacksSeen struct {
	Verified, Event, Refused time.Time
}

// CallbackMemory is how long the receiver's last sightings are kept: a
// corp with no verified callback for this long has a URL that no longer
// reaches Siyu, or no customer activity at all.
const CallbackMemory = 30 * 24 * time.Hour
