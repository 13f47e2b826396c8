package sandbox

// settleAndMark settles due transfers, as every API call does first, and
// returns the event and id counters. Actions settle too, so a change
// journaled after a transfer fell due finds it settled both live and in a
// replay, wherever reads happened to settle it in between.
func (c *Corp) settleAndMark() (events, seq int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settleTransfers()
	return c.st.events, c.st.seq
}

// giveBackIDs resets the id counter after a refused action, which a
// journal leaves out; only safe while nothing else draws ids (the acting
// lock held with a journal, which every changing API call takes too).
func (c *Corp) giveBackIDs(seq int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.st.seq = seq
}

// eventsSince lists the sequence numbers of the events emitted after the
// counter stood at from.
func (c *Corp) eventsSince(from int64) []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := []int64{}
	for seq := from + 1; seq <= c.st.events; seq++ {
		out = append(out, seq)
	}
	return out
}
