package app

import "time"

// UpliftMember is a member record as the uplift computation reads it:
// MergedInto is the record it was merged into (0: none), HomeStoreID 0
// when it has no home store.
type UpliftMember struct {
	ID, MergedInto, Scope, HomeStoreID int64
	Active                             bool
	CreatedAt                          time.Time
}

// UpliftIdentity says a member record is a customer (external_userid).
type UpliftIdentity struct {
	ExternalUserID string
	MemberID       int64
}

// UpliftLinks are the first links to a guide the ledgers show: by member
// record (add touches recorded against it) and by customer (add touches
// of the customer, and the add times of its relations with guides, which
// go back before the touch ledger began).
type UpliftLinks struct {
	ByMember   map[int64]time.Time
	ByCustomer map[string]time.Time
}

// UpliftOrder is one order of a member record: a sale (positive amount)
// or a refund (negative).
type UpliftOrder struct {
	MemberID    int64
	Sale        bool
	AmountCents int64
	PaidAt      time.Time
}

// UpliftArm is one customer of a holdout experiment: the mass send or
// journey (SubjectID), whether they were held out, and when they were
// planned into the send or fired.
type UpliftArm struct {
	SubjectID      int64
	ExternalUserID string
	Holdout        bool
	At             time.Time
}
