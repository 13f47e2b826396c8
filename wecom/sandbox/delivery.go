package sandbox

import "time"

// DeliveryOptions control how a corp's callbacks reach its callback URL.
// The defaults follow WeCom's documented rules: an answer other than HTTP
// 200 within five seconds is a failure, retried three times.
type DeliveryOptions struct {
	// Timeout is how long an attempt waits for an answer (default 5 s).
	Timeout time.Duration
	// Retries is how many times a failed delivery is retried (default 3,
	// so four attempts in all; negative: never retried).
	Retries int
	// RetryDelay is the wait between attempts; WeCom does not document it
	// (default 1 s).
	RetryDelay time.Duration
	// Workers is how many deliveries run at once (default 1: in order, a
	// retrying delivery holding back the ones after it).
	Workers int
	// Delay holds each delivery back this long before its first attempt,
	// as a slow WeCom would.
	Delay time.Duration
	// MaxJitter adds a random delay below it to each first attempt; with
	// several workers this reorders deliveries.
	MaxJitter time.Duration
	// DuplicateProbability delivers each event a second time, as a
	// separate delivery, with this probability.
	DuplicateProbability float64
}

func (o DeliveryOptions) withDefaults() DeliveryOptions {
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = 3
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.RetryDelay <= 0 {
		o.RetryDelay = time.Second
	}
	if o.Workers <= 0 {
		o.Workers = 1
	}
	return o
}

// DeliveryState is where a delivery stands.
type DeliveryState string

// The delivery states.
const (
	DeliveryPending   DeliveryState = "pending"   // queued, held or being attempted
	DeliveryDelivered DeliveryState = "delivered" // an attempt got HTTP 200
	DeliveryFailed    DeliveryState = "failed"    // every attempt failed
	DeliveryNoURL     DeliveryState = "no_url"    // the corp had no callback URL
	DeliveryAbandoned DeliveryState = "abandoned" // the sandbox closed first
)

// Delivery is one sending of an event, with every attempt.
type Delivery struct {
	ID    int
	Event Event
	// Duplicate marks an extra copy the sandbox added on purpose.
	Duplicate bool
	State     DeliveryState
	Attempts  []Attempt
}

// Attempt is one POST of a delivery.
type Attempt struct {
	// At is the wall-clock time of the attempt, the timestamp signed: as
	// with WeCom, it is when the POST is made, whatever the corp's clock
	// says (the event's CreateTime carries that).
	At        time.Time
	Nonce     string
	Signature string
	// Encrypt is the ciphertext sent; fresh random bytes make it differ on
	// every attempt.
	Encrypt string
	// StatusCode is the receiver's HTTP status, 0 without an answer.
	StatusCode int
	// Answer is the start of the receiver's answer body (its first KiB),
	// where a receiver says why it refused the callback.
	Answer string
	// Err says why there was no answer (timeout, refused connection).
	Err string
}

// OK reports whether the attempt counted as received.
func (a Attempt) OK() bool { return a.StatusCode == 200 }
