package main

import (
	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/masssend"
)

// massSendOptions are the mass-send capability's options from the
// configuration's masssend section.
func massSendOptions(c config.MassSend) masssend.Options {
	return masssend.Options{ChunkSize: c.ChunkSize, Limit: app.MassSendLimit{Count: c.LimitCount, Period: c.LimitPeriod},
		Lease: c.Lease, Grace: c.Grace, Workers: c.Workers}
}
