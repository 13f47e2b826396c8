package demo

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// journalHeader is the first line of a journal: which corp was seeded and
// at what sandbox time, so a restart seeds the same corp identically.
type journalHeader struct {
	Corp     string    `json:"corp"`
	SeededAt time.Time `json:"seeded_at"`
}

// journal is an append-only file of the actions fired at the demo, one
// JSON line each after the header. A restart seeds the corp as the header
// says and replays the lines, which rebuilds the in-memory sandbox with
// the same ids and times.
type journal struct {
	path string
	mu   sync.Mutex
	f    *os.File
}

// readJournal returns the header and actions of the journal at path; a
// missing file is an empty journal (ok false).
func readJournal(path string) (h journalHeader, fired []sandbox.Fired, ok bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return h, nil, false, nil
	}
	if err != nil {
		return h, nil, false, fmt.Errorf("sandbox journal: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 2<<20)
	for n := 0; sc.Scan(); n++ {
		var err error
		if n == 0 {
			err = json.Unmarshal(sc.Bytes(), &h)
		} else {
			var fd sandbox.Fired
			err = json.Unmarshal(sc.Bytes(), &fd)
			fired = append(fired, fd)
		}
		if err != nil {
			return h, nil, false, fmt.Errorf("sandbox journal %s line %d: %w (delete var/ to start over)", path, n+1, err)
		}
	}
	return h, fired, true, sc.Err()
}

// openJournal opens path for appending, writing the header first when the
// file is new.
func openJournal(path string, h journalHeader, exists bool) (*journal, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("sandbox journal: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sandbox journal: %w", err)
	}
	j := &journal{path: path, f: f}
	if !exists {
		if err := j.append(h); err != nil {
			f.Close()
			return nil, err
		}
	}
	return j, nil
}

// append writes v as one line, in one write, and syncs it: an action the
// person saw succeed must survive a crash.
func (j *journal) append(v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("sandbox journal: %w", err)
	}
	return j.f.Sync()
}

func (j *journal) close() error {
	if j == nil {
		return nil
	}
	return j.f.Close()
}
