package order

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// canonical is an order's content as hashed: every field a source sends,
// trimmed, the paid time in UTC and the phone as its blind index (a hash
// of a number would be as easy to reverse as the number is to guess).
// Its field order is fixed by the struct, so the hash is stable; a field
// added later must be added last and left out when empty, or every
// stored hash would change.
type canonical struct {
	Source      string      `json:"s"`
	Kind        string      `json:"k"`
	OrderNo     string      `json:"n"`
	RefundOf    string      `json:"r"`
	StoreCode   string      `json:"st"`
	GuideCode   string      `json:"g"`
	MemberNo    string      `json:"m"`
	UnionID     string      `json:"u"`
	OpenID      string      `json:"o"`
	PhoneIndex  string      `json:"p"`
	AmountCents int64       `json:"a"`
	PaidAt      string      `json:"t"`
	Items       []canonItem `json:"i"`
}

type canonItem struct {
	SKU            string `json:"s"`
	Name           string `json:"n"`
	Quantity       int64  `json:"q"`
	UnitPriceCents int64  `json:"p"`
}

// hash is the SHA-256 (hex) of the draft's canonical content: the same
// order sent twice, in whatever zone or spacing, hashes the same, and any
// change to a field or a line changes it.
func (d *draft) hash() string {
	o := d.order
	c := canonical{Source: o.Source, Kind: o.Kind, OrderNo: o.OrderNo, RefundOf: d.refundOf, StoreCode: d.storeCode,
		GuideCode: o.GuideCode, MemberNo: o.MemberNo, UnionID: o.UnionID, OpenID: o.OpenID, PhoneIndex: o.PhoneIndex,
		AmountCents: o.AmountCents, PaidAt: o.PaidAt.UTC().Format(time.RFC3339Nano), Items: make([]canonItem, len(d.items))}
	for i, it := range d.items {
		c.Items[i] = canonItem{SKU: it.SKU, Name: it.Name, Quantity: it.Quantity, UnitPriceCents: it.UnitPriceCents}
	}
	b, _ := json.Marshal(c) // strings and integers only: cannot fail
	sum := sha256.Sum256(append([]byte("siyu order v1\n"), b...))
	return hex.EncodeToString(sum[:])
}
