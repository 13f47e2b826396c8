package main

import (
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/uplift"
)

// upliftOptions are the measured uplift's options from the
// configuration's uplift section.
func upliftOptions(c config.Uplift) uplift.Options {
	return uplift.Options{WindowDays: c.WindowDays, GuideMonths: c.GuideMonths, GuideMinDays: c.GuideMinDays, LookbackDays: c.LookbackDays}
}
