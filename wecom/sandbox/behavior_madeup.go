package sandbox

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// madeUpBehavior is a member's chat figures (and friend requests) for a
// past day on which the sandbox recorded no chat: the sandbox does not
// play every message a guide sends, yet dashboards and pulls need
// figures to read. They are drawn from a source seeded by the sandbox's
// seed, the corp, the member and the day, so every call, run and replay
// agrees on them. Some days are quiet, some have no chat a customer
// began (no reply figures), some a 0% reply. A member without 客户联系,
// today and later days have none. Callers hold c.mu.
func (c *Corp) madeUpBehavior(userID, day string) Behavior {
	m := c.st.members[userID]
	if m == nil || !m.ContactEnabled || day >= statsDay(c.Now()) {
		return Behavior{}
	}
	h := fnv.New64a()
	_, _ = fmt.Fprintf(h, "%s\x00%s\x00%s", c.cfg.CorpID, userID, day)
	r := rand.New(rand.NewPCG(c.sb.opts.Seed, h.Sum64()))
	b := Behavior{NewApplyCnt: r.IntN(3)}
	if r.IntN(4) == 0 {
		return b
	}
	b.ChatCnt = 1 + r.IntN(8)
	b.MessageCnt = b.ChatCnt + r.IntN(4*b.ChatCnt)
	b.CustomerChats = r.IntN(b.ChatCnt + 1)
	if b.CustomerChats == 0 {
		return b
	}
	answered := r.IntN(b.CustomerChats + 1)
	b.ReplyPercentage = math.Round(float64(answered)*10000/float64(b.CustomerChats)) / 100
	if answered > 0 {
		b.AvgReplyTime = 1 + r.IntN(120)
	}
	return b
}
