package main

import (
	"strings"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/wecom"
)

// sandboxQRBases allows QR images from the WeCom sandbox outside
// production: when wecom.api_base points anywhere but WeCom (the demo's
// sandbox, or `siyu sandbox` run on its own), that is where the sandbox
// serves its QR codes, over plain http on loopback.
func sandboxQRBases(cfg *config.Config) []string {
	base := strings.TrimRight(cfg.WeCom.APIBase, "/")
	if cfg.Env == config.EnvProduction || base == "" || base == wecom.DefaultAPIBase {
		return nil
	}
	return []string{base}
}
