package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ErrUnknownAction is returned by Act for an action name it does not know.
var ErrUnknownAction = errors.New("sandbox: unknown action")

// Fired is one change Options.OnAction hears: an action applied through
// Act, or an API call that changed the corp (API set, see changesCorp).
// It holds enough to apply the change again, at the same sandbox time,
// into a corp seeded the same way.
type Fired struct {
	Corp   string `json:"corp"`
	Action string `json:"action,omitempty"`
	// API is the WeCom API called ("externalcontact/add_contact_way"),
	// Params its JSON body, Base the address it came in on.
	API    string          `json:"api,omitempty"`
	Base   string          `json:"base,omitempty"`
	Params json.RawMessage `json:"params"`
	// At is the corp's sandbox time when the change ran.
	At time.Time `json:"at"`
	// Offset is the corp's sandbox time minus the wall time just after the
	// change: zero unless the clock was advanced.
	Offset time.Duration `json:"offset"`
}

// Act fires the action called name on the corp with params (a JSON
// object): the action changes the corp and delivers its callback. Actions
// run one at a time, so OnAction hears them in the order they applied.
func (s *Sandbox) Act(corpID, name string, params []byte) (any, error) {
	acted, err := s.Fire(corpID, name, params)
	return acted.Result, err
}

// Acted is what an action did: its result and the sequence numbers of the
// events emitted while it ran, whose deliveries say whether the receiver
// took them.
type Acted struct {
	Result any     `json:"result"`
	Events []int64 `json:"events"`
}

// Fire is Act that also says which events the action emitted, so whoever
// fired it can wait to see whether the receiver took them.
func (s *Sandbox) Fire(corpID, name string, params []byte) (Acted, error) {
	c := s.Corp(corpID)
	if c == nil {
		return Acted{}, fmt.Errorf("sandbox: corp %q: %w", corpID, ErrNotFound)
	}
	a, ok := findAction(name)
	if !ok {
		return Acted{}, fmt.Errorf("%w %q (未知动作 %s)", ErrUnknownAction, name, name)
	}
	args, err := parseArgs(a.Params, params)
	if err != nil {
		return Acted{}, err
	}
	s.acting.Lock()
	defer s.acting.Unlock()
	at := c.Now()
	events, seq := c.settleAndMark()
	out, err := a.run(c, args)
	if err != nil {
		if s.opts.OnAction != nil {
			c.giveBackIDs(seq)
		}
		return Acted{}, err
	}
	if s.opts.OnAction != nil {
		s.opts.OnAction(Fired{Corp: corpID, Action: name, Params: compact(params), At: at, Offset: c.Now().Sub(time.Now())})
	}
	return Acted{Result: out, Events: c.eventsSince(events)}, nil
}

// compact is params as one line of JSON ("{}" when empty or not JSON).
func compact(params []byte) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, params) != nil || b.Len() == 0 {
		return json.RawMessage("{}")
	}
	return b.Bytes()
}

// Replay applies changes recorded by OnAction to this corp, each at its
// recorded sandbox time and in order, then sets the clock to the wall
// time plus the last recorded offset. Actions fire callbacks as usual, so
// replay into a corp with no callback URL. Replayed changes are not passed
// to OnAction. It returns the error of each change that failed; the rest
// still apply.
func (c *Corp) Replay(fired []Fired) []error {
	var errs []error
	for _, f := range fired {
		if err := c.replayOne(f); err != nil {
			errs = append(errs, fmt.Errorf("replay %s at %s: %w", f.Action+f.API, f.At.Format(time.RFC3339), err))
		}
	}
	if len(fired) > 0 {
		c.clock.Set(time.Now().Add(fired[len(fired)-1].Offset))
	}
	return errs
}

func (c *Corp) replayOne(f Fired) error {
	if f.API != "" {
		return c.replayAPI(f)
	}
	a, ok := findAction(f.Action)
	if !ok {
		return fmt.Errorf("%w %q", ErrUnknownAction, f.Action)
	}
	args, err := parseArgs(a.Params, f.Params)
	if err != nil {
		return err
	}
	c.clock.Set(f.At)
	c.settleAndMark()
	_, err = a.run(c, args)
	return err
}
