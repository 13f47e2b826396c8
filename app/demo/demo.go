// Package demo runs the embedded default's demo corp: a WeCom sandbox in
// the process, seeded with a few stores' worth of members, customers,
// groups and tags, registered in Siyu and wired to Siyu's own callback
// endpoint, so `go run ./cmd/siyu` shows Siyu working with no WeCom at all.
// Actions fired at it, and the changes Siyu makes through WeCom's API, are
// journaled and replayed on the next start.
package demo

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// DefaultCorpID is the demo corp's id.
const DefaultCorpID = "demo"

// Options configure the demo sandbox.
type Options struct {
	Addr   string // where the sandbox listens ("" = a free loopback port)
	CorpID string // DefaultCorpID when empty
	// JournalPath keeps fired actions across restarts ("" = none).
	JournalPath string
	// URLFile receives the sandbox's URL for `siyu sandbox act` ("" = none).
	URLFile string
	Log     *slog.Logger
}

// Demo is a running sandbox with one seeded corp.
type Demo struct {
	opts    Options
	sb      *sandbox.Sandbox
	corp    *sandbox.Corp
	url     string
	journal *journal
	// fresh means no journal was found: the corp was seeded anew.
	fresh bool
	siyu  atomic.Pointer[Siyu] // set by Connect, read by the page meanwhile
}

// Start seeds the corp (as the journal's header says, or anew), replays
// the journaled actions without sending their callbacks, and serves the
// sandbox. Its clock follows the wall clock.
func Start(ctx context.Context, opts Options) (*Demo, error) {
	if opts.CorpID == "" {
		opts.CorpID = DefaultCorpID
	}
	d := &Demo{opts: opts}
	h, fired, err := d.readJournal()
	if err != nil {
		return nil, err
	}
	d.sb = sandbox.New(sandbox.Options{Start: time.Now(), FollowWallClock: true, OnAction: d.record})
	if err := d.seed(ctx, h, fired); err != nil {
		d.sb.Close()
		return nil, err
	}
	if opts.JournalPath != "" {
		if d.journal, err = openJournal(opts.JournalPath, h, !d.fresh); err != nil {
			d.sb.Close()
			return nil, err
		}
	}
	if d.url, err = d.sb.Start(opts.Addr); err != nil {
		d.Close()
		return nil, err
	}
	return d, d.writeURL()
}

func (d *Demo) readJournal() (journalHeader, []sandbox.Fired, error) {
	h := journalHeader{Corp: d.opts.CorpID, SeededAt: time.Now()}
	if d.opts.JournalPath == "" {
		d.fresh = true
		return h, nil, nil
	}
	got, fired, ok, err := readJournal(d.opts.JournalPath)
	if err != nil || !ok {
		d.fresh = true
		return h, nil, err
	}
	if got.Corp != d.opts.CorpID {
		return h, nil, fmt.Errorf("sandbox journal %s belongs to corp %q, not %q: delete it (with the rest of var/) to start over",
			d.opts.JournalPath, got.Corp, d.opts.CorpID)
	}
	return got, fired, nil
}

// seed adds the corp with no callback URL, seeds it at the header's time
// and replays the journal, then waits for the replay's callbacks to be
// dropped (they were delivered before the restart).
func (d *Demo) seed(ctx context.Context, h journalHeader, fired []sandbox.Fired) error {
	c, err := d.sb.AddCorp(sandbox.NewCorpConfig(d.opts.CorpID))
	if err != nil {
		return err
	}
	c.Clock().Set(h.SeededAt)
	if err := c.SeedDemo(); err != nil {
		return err
	}
	for _, err := range c.Replay(fired) {
		d.log().Warn("sandbox journal: change not replayed; later ones may differ from before the restart", "err", err)
	}
	if len(fired) == 0 {
		c.Clock().Set(time.Now())
	}
	d.corp = c
	if len(fired) > 0 {
		d.log().Info("sandbox journal replayed", "actions", len(fired), "journal", d.opts.JournalPath)
	}
	return c.WaitDeliveries(ctx)
}

// record journals an action the control API or the page applied, or an
// API call of Siyu's that changed the corp.
func (d *Demo) record(f sandbox.Fired) {
	if d.journal == nil {
		return
	}
	if err := d.journal.append(f); err != nil {
		d.log().Error("sandbox journal: change not recorded; it will be missing after a restart", "action", f.Action, "api", f.API, "err", err)
	}
}

func (d *Demo) writeURL() error {
	if d.opts.URLFile == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(d.opts.URLFile), 0o700); err != nil {
		return fmt.Errorf("sandbox url file: %w", err)
	}
	return os.WriteFile(d.opts.URLFile, []byte(d.url+"\n"), 0o600)
}

// URL is the sandbox's base URL: WeCom's API and the control API.
func (d *Demo) URL() string { return d.url }

// Corp is the demo corp in the sandbox.
func (d *Demo) Corp() *sandbox.Corp { return d.corp }

// Act fires an action at the demo corp, as the control API does.
func (d *Demo) Act(name string, params []byte) (any, error) {
	return d.sb.Act(d.corp.ID(), name, params)
}

// Close stops the sandbox, closes the journal and removes the URL file.
func (d *Demo) Close() error {
	err := d.sb.Close()
	if jerr := d.journal.close(); err == nil {
		err = jerr
	}
	if d.opts.URLFile != "" {
		_ = os.Remove(d.opts.URLFile)
	}
	return err
}

func (d *Demo) log() *slog.Logger {
	if d.opts.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.opts.Log
}
