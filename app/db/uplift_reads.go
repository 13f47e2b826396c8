package db

import (
	"context"
	"database/sql"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The uplift computation reads a corp's members, identities, links and
// orders whole, once a night, each in one pass over an index scanned by
// hand (the ORM's reflection would cost more than the reading): a few
// tens of bytes a row, so a million members and orders are a few
// hundred megabytes at most.

// UpliftMembers lists every member record of the corp.
func (s *UpliftStore) UpliftMembers(ctx context.Context, corpID int64) ([]app.UpliftMember, error) {
	rows, err := s.db.with(ctx).Raw("SELECT id, COALESCE(merged_into, 0), scope, COALESCE(home_store_id, 0), status, created_at FROM members WHERE corp_id = ?",
		corpID).Rows()
	if err != nil {
		return nil, domainError(err, "会员")
	}
	defer rows.Close()
	var out []app.UpliftMember
	for rows.Next() {
		var m app.UpliftMember
		var status string
		var created anyTime
		if err := rows.Scan(&m.ID, &m.MergedInto, &m.Scope, &m.HomeStoreID, &status, &created); err != nil {
			return nil, domainError(err, "会员")
		}
		m.Active, m.CreatedAt = status == app.MemberActive, timeOf(created)
		out = append(out, m)
	}
	return out, domainError(rows.Err(), "会员")
}

// CustomerMembers lists which member records are which customers.
func (s *UpliftStore) CustomerMembers(ctx context.Context, corpID int64) ([]app.UpliftIdentity, error) {
	rows, err := s.db.with(ctx).Raw("SELECT value, member_id FROM member_identities WHERE corp_id = ? AND kind = 'external_userid'", corpID).Rows()
	if err != nil {
		return nil, domainError(err, "会员标识")
	}
	defer rows.Close()
	var out []app.UpliftIdentity
	for rows.Next() {
		var id app.UpliftIdentity
		if err := rows.Scan(&id.ExternalUserID, &id.MemberID); err != nil {
			return nil, domainError(err, "会员标识")
		}
		out = append(out, id)
	}
	return out, domainError(rows.Err(), "会员标识")
}

// MemberOrders lists every order linked to a member record.
func (s *UpliftStore) MemberOrders(ctx context.Context, corpID int64) ([]app.UpliftOrder, error) {
	rows, err := s.db.with(ctx).Raw("SELECT member_id, kind, amount_cents, paid_at FROM orders WHERE corp_id = ? AND member_id IS NOT NULL", corpID).Rows()
	if err != nil {
		return nil, domainError(err, "订单")
	}
	defer rows.Close()
	var out []app.UpliftOrder
	for rows.Next() {
		var o app.UpliftOrder
		var kind string
		var paid anyTime
		if err := rows.Scan(&o.MemberID, &kind, &o.AmountCents, &paid); err != nil {
			return nil, domainError(err, "订单")
		}
		o.Sale, o.PaidAt = kind == app.OrderSale, timeOf(paid)
		out = append(out, o)
	}
	return out, domainError(rows.Err(), "订单")
}

// FirstLinks gives the first link to a guide of each member record (add
// touches recorded against it) and customer (its add touches, and the
// add times of its relations with guides, deleted ones too).
func (s *UpliftStore) FirstLinks(ctx context.Context, corpID int64) (*app.UpliftLinks, error) {
	out := &app.UpliftLinks{ByMember: map[int64]time.Time{}, ByCustomer: map[string]time.Time{}}
	err := s.firsts(ctx, "SELECT member_id, MIN(at) FROM touches WHERE corp_id = ? AND kind = ? AND member_id IS NOT NULL AND userid <> '' GROUP BY member_id",
		func(rows *sql.Rows, at *anyTime) error {
			var id int64
			if err := rows.Scan(&id, at); err != nil {
				return err
			}
			out.ByMember[id] = timeOf(*at)
			return nil
		}, corpID, app.TouchAdd)
	byCustomer := func(rows *sql.Rows, at *anyTime) error {
		var ext string
		if err := rows.Scan(&ext, at); err != nil {
			return err
		}
		if cur, ok := out.ByCustomer[ext]; !ok || timeOf(*at).Before(cur) {
			out.ByCustomer[ext] = timeOf(*at)
		}
		return nil
	}
	if err == nil {
		err = s.firsts(ctx, "SELECT external_userid, MIN(at) FROM touches WHERE corp_id = ? AND kind = ? AND external_userid <> '' AND userid <> '' GROUP BY external_userid",
			byCustomer, corpID, app.TouchAdd)
	}
	if err == nil {
		err = s.firsts(ctx, "SELECT external_userid, MIN(add_time) FROM follows WHERE corp_id = ? AND add_time IS NOT NULL GROUP BY external_userid", byCustomer, corpID)
	}
	return out, err
}

// firsts runs q and hands each row to scan.
func (s *UpliftStore) firsts(ctx context.Context, q string, scan func(rows *sql.Rows, at *anyTime) error, args ...any) error {
	rows, err := s.db.with(ctx).Raw(q, args...).Rows()
	if err != nil {
		return domainError(err, "触点")
	}
	defer rows.Close()
	for rows.Next() {
		var at anyTime
		if err := scan(rows, &at); err != nil {
			return domainError(err, "触点")
		}
	}
	return domainError(rows.Err(), "触点")
}

// timeOf is a scanned time, zero when NULL.
func timeOf(a anyTime) time.Time {
	if a.t == nil {
		return time.Time{}
	}
	return *a.t
}
