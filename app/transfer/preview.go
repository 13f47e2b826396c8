package transfer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// PreviewTransfer lays a transfer out exactly as StartTransfer would (the
// same checks, takers, round-robin order and 90-day refusals) and returns
// it without storing or sending anything: who would go to whom, before
// anyone confirms.
func (s *Service) PreviewTransfer(ctx context.Context, req app.StartTransfer) (*app.TransferPreview, error) {
	p, err := s.prepare(ctx, req)
	if err != nil {
		return nil, err
	}
	return p.preview(), nil
}

// preview sums the plan up per takeover guide, in the order they take
// customers.
func (p *plan) preview() *app.TransferPreview {
	out := &app.TransferPreview{Mode: p.t.Mode, Rule: p.t.Rule, FromUserID: p.t.FromUserID, FromStoreID: p.t.FromStoreID,
		ToUserID: p.t.ToUserID, Message: p.t.Message, FromLeft: p.left, Items: p.items, Groups: p.groups, Digest: p.digest()}
	at := map[string]int{}
	for _, g := range p.takers {
		at[g.UserID] = len(out.Takers)
		out.Takers = append(out.Takers, app.TakerPreview{UserID: g.UserID, StoreID: g.StoreID})
	}
	for _, it := range p.items {
		tp := &out.Takers[at[it.ToUserID]]
		if it.State == app.ItemRefused {
			tp.Refused++
		} else {
			tp.Customers++
		}
	}
	for _, g := range p.groups {
		out.Takers[at[g.ToUserID]].Groups++
	}
	return out
}

// digest fingerprints what a person confirms: the mode, the message, each
// customer's and group's takeover guide and the refusals. Two plans with
// the same digest store the same transfer.
func (p *plan) digest() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\n", p.t.Mode, p.t.Rule, p.t.FromUserID, p.t.Message)
	for _, it := range p.items {
		fmt.Fprintf(h, "c\x00%s\x00%s\x00%s\n", it.ExternalUserID, it.ToUserID, it.State)
	}
	for _, g := range p.groups {
		fmt.Fprintf(h, "g\x00%s\x00%s\n", g.ChatID, g.ToUserID)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
