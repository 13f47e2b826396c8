package demo

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Refusal is a callback attempt Siyu did not take, with its reason in
// words, so whoever fired the action learns that Siyu never applied it
// rather than finding out from a mirror that never catches up.
type Refusal struct {
	Delivery int
	Change   string    // the event's ChangeType, e.g. add_external_contact
	At       time.Time // when the attempt was made (wall clock)
	Status   int       // Siyu's HTTP status, 0 without an answer
	Reason   string
	State    sandbox.DeliveryState
}

// Outcome says where the delivery stands after the refusal.
func (r Refusal) Outcome() string {
	switch r.State {
	case sandbox.DeliveryDelivered:
		return "重试后已送达"
	case sandbox.DeliveryFailed:
		return "重试后仍失败，已放弃"
	case sandbox.DeliveryAbandoned:
		return "沙箱已关闭，未再投递"
	}
	return "稍后重试"
}

// Reason says in Chinese why Siyu did not take an attempt: Siyu's own
// message when its answer carries one (the JSON error body of its API).
func Reason(a sandbox.Attempt) string {
	if a.StatusCode == 0 {
		return "Siyu 无应答：" + noAnswer(a.Err)
	}
	var body struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	msg := strings.TrimSpace(a.Answer)
	if json.Unmarshal([]byte(a.Answer), &body) == nil && body.Error.Message != "" {
		msg = body.Error.Message
	}
	if msg == "" {
		msg = http.StatusText(a.StatusCode)
	}
	return fmt.Sprintf("Siyu 拒收（HTTP %d）：%s", a.StatusCode, msg)
}

// noAnswer names the usual reasons an attempt got no answer, giving the
// error itself for the rest.
func noAnswer(err string) string {
	switch {
	case strings.Contains(err, "connection refused"):
		return "连接被拒绝，Siyu 可能没有在运行"
	case strings.Contains(err, "deadline exceeded"), strings.Contains(err, "Timeout"):
		return "超时未应答"
	}
	return err
}

func refusalOf(d sandbox.Delivery, a sandbox.Attempt) Refusal {
	return Refusal{Delivery: d.ID, Change: cmp.Or(d.Event.ChangeType, d.Event.Event), At: a.At, Status: a.StatusCode,
		Reason: Reason(a), State: d.State}
}

// FirstOutcomes reads the first attempt of each delivery: pending while
// some delivery has not been tried yet, and the refusals among those
// tried. A delivery with no callback URL, or abandoned, has its outcome.
func FirstOutcomes(ds []sandbox.Delivery) (pending bool, refused []Refusal) {
	for _, d := range ds {
		switch {
		case len(d.Attempts) > 0 && !d.Attempts[0].OK():
			refused = append(refused, refusalOf(d, d.Attempts[0]))
		case len(d.Attempts) == 0 && d.State == sandbox.DeliveryPending:
			pending = true
		}
	}
	return pending, refused
}

// Refused lists the last n deliveries Siyu refused at least once, newest
// first, each with its latest refused attempt.
func Refused(ds []sandbox.Delivery, n int) []Refusal {
	var out []Refusal
	for _, d := range slices.Backward(ds) {
		for _, a := range slices.Backward(d.Attempts) {
			if !a.OK() {
				out = append(out, refusalOf(d, a))
				break
			}
		}
		if len(out) == n {
			break
		}
	}
	return out
}
