package kv

import "time"

// SetClock lets the tests move a CallLog through minutes.
func (l *CallLog) SetClock(now func() time.Time) { l.now = now }
