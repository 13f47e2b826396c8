package testkit

import "os"

// EnvFullSize makes the scale tests run at their full size under CI too
// (scripts/bench sets it).
const EnvFullSize = "SIYU_TEST_FULL_SIZE"

// ScaleSize is a scale test's size: small under CI (CI set), where the
// whole suite shares two cores and a time budget, unless EnvFullSize is
// 1; full everywhere else. The rule checked is the same at both sizes.
func ScaleSize(full, small int) int {
	if os.Getenv("CI") != "" && os.Getenv(EnvFullSize) != "1" {
		return small
	}
	return full
}
