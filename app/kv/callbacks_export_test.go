package kv

import "time"

// SetClock lets the tests move a CallbackLog through time.
func (l *CallbackLog) SetClock(now func() time.Time) { l.now = now }
