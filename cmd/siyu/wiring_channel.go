package main

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app/channel"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/directory"
	"github.com/siyu-scrm/siyu/wecom"
)

// buildChannels wires channel codes to the corps' WeCom clients and the
// channels settings.
func (w *wiring) buildChannels(clients *directory.CorpClients) error {
	c := w.cfg.Channels
	w.channels = channel.New(w.db, func(ctx context.Context, corpID int64) (channel.ContactWays, error) {
		cli, err := clients.ContactClient(ctx, corpID)
		if err != nil {
			return nil, err
		}
		return cli, nil
	}, channel.Options{Log: w.log.With("component", "channel"), QR: channel.QROptions{
		Hosts: c.QRHosts, MaxBytes: c.QRMaxBytes, Timeout: c.QRTimeout, Bases: sandboxQRBases(w.cfg),
	}})
	return nil
}

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
