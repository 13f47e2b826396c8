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

// Fired is one action applied through Act, as Options.OnAction hears it:
// enough to apply it again, at the same sandbox time, into a corp seeded
// the same way.
type Fired struct {
	Corp   string          `json:"corp"`
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
	// At is the corp's sandbox time when the action ran.
	At time.Time `json:"at"`
	// Offset is the corp's sandbox time minus the wall time just after the
	// action: zero unless the clock was advanced.
	Offset time.Duration `json:"offset"`
}

// Act fires the action called name on the corp with params (a JSON
// object): the action changes the corp and delivers its callback. Actions
// run one at a time, so OnAction hears them in the order they applied.
func (s *Sandbox) Act(corpID, name string, params []byte) (any, error) {
	c := s.Corp(corpID)
	if c == nil {
		return nil, fmt.Errorf("sandbox: corp %q: %w", corpID, ErrNotFound)
	}
	a, ok := findAction(name)
	if !ok {
		return nil, fmt.Errorf("%w %q (未知动作 %s)", ErrUnknownAction, name, name)
	}
	args, err := parseArgs(a.Params, params)
	if err != nil {
		return nil, err
	}
	s.acting.Lock()
	defer s.acting.Unlock()
	at := c.Now()
	out, err := a.run(c, args)
	if err != nil {
		return nil, err
	}
	if s.opts.OnAction != nil {
		s.opts.OnAction(Fired{Corp: corpID, Action: name, Params: compact(params), At: at, Offset: c.Now().Sub(time.Now())})
	}
	return out, nil
}

// compact is params as one line of JSON ("{}" when empty); parseArgs has
// already checked it is an object.
func compact(params []byte) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, params) != nil || b.Len() == 0 {
		return json.RawMessage("{}")
	}
	return b.Bytes()
}

// Replay applies actions recorded by OnAction to this corp, each at its
// recorded sandbox time, then sets the clock to the wall time plus the
// last recorded offset. Actions fire callbacks as usual, so replay into a
// corp with no callback URL. Replayed actions are not passed to OnAction.
// It returns the error of each action that failed; the rest still apply.
func (c *Corp) Replay(fired []Fired) []error {
	var errs []error
	for _, f := range fired {
		a, ok := findAction(f.Action)
		if !ok {
			errs = append(errs, fmt.Errorf("%w %q", ErrUnknownAction, f.Action))
			continue
		}
		args, err := parseArgs(a.Params, f.Params)
		if err == nil {
			c.clock.Set(f.At)
			_, err = a.run(c, args)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("replay %s at %s: %w", f.Action, f.At.Format(time.RFC3339), err))
		}
	}
	if len(fired) > 0 {
		c.clock.Set(time.Now().Add(fired[len(fired)-1].Offset))
	}
	return errs
}
