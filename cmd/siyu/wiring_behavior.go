package main

import (
	"github.com/siyu-scrm/siyu/app/behavior"
	"github.com/siyu-scrm/siyu/app/config"
)

// behaviorOptions are the chat-figure pull's options from the
// configuration's behavior section.
func behaviorOptions(c config.Behavior) behavior.Options {
	return behavior.Options{PullHour: c.PullHour, LookbackDays: c.LookbackDays, RepullDays: c.RepullDays}
}
