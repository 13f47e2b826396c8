package app

// MemberQuery selects a page of a corp's members for the console, newest
// first. Every set field narrows the list. Q finds members whose member
// number or name starts with it; IDs are members found otherwise (a
// phone, by its blind index: a phone is never searched as text) and are
// listed beside Q's matches.
type MemberQuery struct {
	CorpID      int64
	Q           string
	IDs         []int64
	Tier        string
	HomeStoreID int64  // a store manager's list is their store's
	Status      string // MemberActive or MemberMerged; "" for both
	Offset      int
	Limit       int
}
