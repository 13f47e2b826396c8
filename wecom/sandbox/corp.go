package sandbox

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/siyu-scrm/siyu/wecom"
)

// CorpConfig describes a simulated corp: its credentials as the admin
// console shows them, and where WeCom sends its callbacks.
type CorpConfig struct {
	CorpID string
	// ContactSecret is the 客户联系 secret; AppSecret and AgentID belong to
	// the self-built app (side panel). Either secret gets tokens.
	ContactSecret string
	AppSecret     string
	AgentID       int
	// Token and EncodingAESKey are the callback settings (接收事件服务器).
	Token          string
	EncodingAESKey string
	// CallbackURL receives events; empty records events without sending.
	CallbackURL string
	// UnionIDBound means a WeChat developer id (开放平台) is bound, so
	// WeChat-type customers carry their unionid in API answers.
	UnionIDBound bool
	// MiniAppID and MiniAppSecret are the WeChat mini-program whose
	// /sns/jscode2session this corp answers.
	MiniAppID     string
	MiniAppSecret string
	// OA is the brand's 公众号, played beside WeCom; an empty AppID means
	// the corp has none.
	OA OAConfig
	// Delivery overrides the sandbox's delivery options for this corp when
	// non-nil.
	Delivery *DeliveryOptions
}

// NewCorpConfig returns a complete configuration for corpID with secrets,
// callback keys and a mini-program derived from it, so tests need only a
// name (and a CallbackURL when they want events).
func NewCorpConfig(corpID string) CorpConfig {
	sum := sha256.Sum256([]byte("siyu-sandbox/" + corpID))
	h := hex.EncodeToString(sum[:])
	return CorpConfig{
		CorpID:         corpID,
		ContactSecret:  "contact-" + h[:24],
		AppSecret:      "app-" + h[24:48],
		AgentID:        1000002,
		Token:          "tk" + h[48:60],
		EncodingAESKey: base64.StdEncoding.EncodeToString(sum[:])[:43],
		UnionIDBound:   true,
		MiniAppID:      "wx" + h[:16],
		MiniAppSecret:  "mini-" + h[16:48],
		OA:             newOAConfig(corpID),
	}
}

// Corp is one simulated corp: state, clock, tokens, limits, faults, call
// log and callback queue. Its methods are safe for concurrent use.
type Corp struct {
	sb      *Sandbox
	cfg     CorpConfig
	idTag   string
	crypter *wecom.Crypter
	// oaCrypter seals the 公众号's callbacks (nil without a 公众号).
	oaCrypter *wecom.Crypter
	clock     *Clock

	mu       sync.Mutex // guards st and cfg.CallbackURL
	st       *state
	oa       *oaState
	limits   *limiter
	faults   *faultSet
	calls    *callLog
	delivery *deliverer
	appMsgs  appMsgLog  // message/send, with its own lock
	jssdk    jssdkState // the JS-SDK stand-in's open chat and calls
}

// AddCorp registers a corp. The corp id must be new and the callback
// settings valid (a 43-character EncodingAESKey).
func (s *Sandbox) AddCorp(cfg CorpConfig) (*Corp, error) {
	crypter, err := wecom.NewCrypter(cfg.Token, cfg.EncodingAESKey, cfg.CorpID)
	if err != nil {
		return nil, fmt.Errorf("sandbox: corp %q: %w", cfg.CorpID, err)
	}
	var oaCrypter *wecom.Crypter
	if cfg.OA.AppID != "" {
		if oaCrypter, err = wecom.NewCrypter(cfg.OA.Token, cfg.OA.EncodingAESKey, cfg.OA.AppID); err != nil {
			return nil, fmt.Errorf("sandbox: corp %q 公众号: %w", cfg.CorpID, err)
		}
	}
	tag := sha256.Sum256([]byte(cfg.CorpID))
	c := &Corp{
		sb: s, cfg: cfg, crypter: crypter, oaCrypter: oaCrypter, idTag: hex.EncodeToString(tag[:])[:8],
		clock:  newClock(s.Now(), s.opts.FollowWallClock),
		st:     newState(),
		oa:     newOAState(),
		limits: newLimiter(*s.opts.Limit),
		faults: &faultSet{},
		calls:  &callLog{max: s.opts.CallLogSize},
	}
	delivery := s.opts.Delivery
	if cfg.Delivery != nil {
		delivery = cfg.Delivery.withDefaults()
	}
	c.delivery = newDeliverer(c, delivery)
	return c, s.register(c)
}

func (s *Sandbox) register(c *Corp) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.corps[c.cfg.CorpID]; dup {
		return fmt.Errorf("sandbox: corp %q already exists", c.cfg.CorpID)
	}
	if c.cfg.MiniAppID != "" {
		if _, dup := s.apps[c.cfg.MiniAppID]; dup {
			return fmt.Errorf("sandbox: mini-program %q already belongs to a corp", c.cfg.MiniAppID)
		}
		s.apps[c.cfg.MiniAppID] = c
	}
	if err := s.registerOA(c); err != nil {
		delete(s.apps, c.cfg.MiniAppID)
		return err
	}
	s.corps[c.cfg.CorpID] = c
	return nil
}

// ID returns the corp id.
func (c *Corp) ID() string { return c.cfg.CorpID }

// Config returns the corp's configuration (with the current callback URL).
func (c *Corp) Config() CorpConfig {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cfg
}

// SetCallbackURL changes where events go from now on ("" stops sending).
func (c *Corp) SetCallbackURL(url string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cfg.CallbackURL = url
}

// Clock returns the corp's own clock.
func (c *Corp) Clock() *Clock { return c.clock }

// Now returns the corp's sandbox time.
func (c *Corp) Now() time.Time { return c.clock.Now() }

// Advance moves this corp's time forward by d, leaving other corps alone.
func (c *Corp) Advance(d time.Duration) { c.clock.Advance(d) }

// newID makes a deterministic, corp-unique id such as "wm1a2b3c4d00000042";
// callers hold c.mu.
func (c *Corp) newID(prefix string) string {
	c.st.seq++
	return fmt.Sprintf("%s%s%010d", prefix, c.idTag, c.st.seq)
}
