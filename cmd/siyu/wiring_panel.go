package main

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/panel"
)

// panelDeps wires the side panel, or leaves it out (zero PanelDeps) when
// there is no public URL: production without panel.public_url.
func (w *wiring) panelDeps() (api.PanelDeps, error) {
	public := w.panelPublicURL()
	if public == "" {
		w.log.Info("side panel off: set panel.public_url to serve it")
		return api.PanelDeps{}, nil
	}
	key, err := w.panelKey()
	if err != nil {
		return api.PanelDeps{}, err
	}
	svc := w.Panel(panel.Config{PublicURL: public, AuthorizeURL: w.cfg.Panel.OAuthAuthorizeURL})
	return api.PanelDeps{Service: svc, Signer: panel.NewSigner(key), SessionTTL: w.cfg.Panel.SessionTTL,
		SecureCookies: strings.HasPrefix(public, "https://"), JSSDKURL: w.cfg.Panel.JSSDKURL, Tasks: w.Remind}, nil
}

// panelPublicURL is panel.public_url, or outside production the address
// this process listens on.
func (w *wiring) panelPublicURL() string {
	if u := strings.TrimRight(w.cfg.Panel.PublicURL, "/"); u != "" {
		return u
	}
	if w.cfg.Env == config.EnvProduction {
		return ""
	}
	return w.base
}

// panelKey is panel.session_key, or a key derived from the deployment key.
func (w *wiring) panelKey() ([]byte, error) {
	if k := w.cfg.Panel.SessionKey; k != "" {
		key, err := base64.StdEncoding.DecodeString(k)
		if err != nil {
			return nil, fmt.Errorf("panel.session_key: %w", err)
		}
		return key, nil
	}
	return panel.DeriveKey(w.deploymentKey), nil
}
