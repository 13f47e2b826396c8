package db

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/golang/snappy"

	"github.com/siyu-scrm/siyu/app"
)

// The analytical models' lines of one order under one rule version are
// kept together, packed into order_model_credits.lines as a compressed
// JSON array of short-keyed objects: a recompute of a million orders
// writes one row an order there instead of ten. The brand's rules (the credit of record)
// keep a row per line in order_credits, which reports total in SQL.

// packedLine is one credit line as it is packed: what the row does not
// hold already (corp, order, version, paid time).
type packedLine struct {
	Model       string          `json:"m"`
	Line        int             `json:"l"`
	UserID      string          `json:"u,omitempty"`
	StoreID     *int64          `json:"s,omitempty"`
	Team        string          `json:"t"`
	ShareBP     int             `json:"b"`
	AmountCents int64           `json:"c"`
	Explanation json.RawMessage `json:"e"`
}

// packLines packs cs (one order's model lines): JSON written by hand
// rather than by reflection (a recompute packs millions), then compressed
// with snappy, whose speed costs less than writing four times the bytes.
// An explanation that is not JSON itself travels as a JSON string.
func packLines(cs []app.Credit) []byte {
	b := make([]byte, 0, 160*len(cs)+2)
	b = append(b, '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"m":`...)
		b = app.AppendJSONString(b, c.Model)
		b = append(b, `,"l":`...)
		b = strconv.AppendInt(b, int64(c.Line), 10)
		if c.UserID != "" {
			b = app.AppendJSONString(append(b, `,"u":`...), c.UserID)
		}
		if c.StoreID != nil {
			b = strconv.AppendInt(append(b, `,"s":`...), *c.StoreID, 10)
		}
		b = app.AppendJSONString(append(b, `,"t":`...), c.Team)
		b = strconv.AppendInt(append(b, `,"b":`...), int64(c.ShareBP), 10)
		b = strconv.AppendInt(append(b, `,"c":`...), c.AmountCents, 10)
		b = append(b, `,"e":`...)
		if json.Valid([]byte(c.Explanation)) {
			b = append(b, c.Explanation...)
		} else {
			b = app.AppendJSONString(b, c.Explanation)
		}
		b = append(b, '}')
	}
	return snappy.Encode(nil, append(b, ']'))
}

// unpackLines is the lines packed in s, completed with what the row
// holds.
func unpackLines(packed []byte, row modelRow) ([]app.Credit, error) {
	var ps []packedLine
	raw, err := snappy.Decode(nil, packed)
	if err == nil {
		err = json.Unmarshal(raw, &ps)
	}
	if err != nil {
		return nil, fmt.Errorf("unpack credit of order %d: %w", row.OrderID, err)
	}
	out := make([]app.Credit, len(ps))
	for i, p := range ps {
		e := string(p.Explanation)
		if bytes.HasPrefix(p.Explanation, []byte(`"`)) {
			_ = json.Unmarshal(p.Explanation, &e)
		}
		out[i] = app.Credit{CorpID: row.CorpID, OrderID: row.OrderID, RulesID: row.RulesID, Model: p.Model, Line: p.Line,
			UserID: p.UserID, StoreID: p.StoreID, Team: p.Team, ShareBP: p.ShareBP, AmountCents: p.AmountCents,
			Explanation: e, PaidAt: row.PaidAt, ComputedAt: row.ComputedAt}
	}
	return out, nil
}

// sortLines orders one order's lines by model, then line, as the lines
// table's key did.
func sortLines(cs []app.Credit) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Model != cs[j].Model {
			return cs[i].Model < cs[j].Model
		}
		return cs[i].Line < cs[j].Line
	})
}
