package app

import (
	"context"
	"time"
)

// Member statuses. A member merged into another keeps its row (orders and
// touches recorded against it stay valid, and a split can bring it back);
// readers follow MergedInto to the surviving record.
const (
	MemberActive = "active"
	MemberMerged = "merged"
)

// Kinds of identity key a member is found by. Each key belongs to at most
// one member of a scope at a time.
const (
	KeyMemberNo = "member_no"       // the brand's POS/CRM member number
	KeyUnionID  = "unionid"         // WeChat open-platform unionid
	KeyOpenID   = "openid"          // mini-program or 公众号 openid
	KeyPhone    = "phone"           // the phone's blind index, never the number
	KeyExternal = "external_userid" // a WeCom customer of the corp
)

// Member is the brand's record of a person (会员). The phone number is
// never stored in clear: PhoneSealed is the ciphertext, PhoneIndex the
// keyed blind index lookups use, PhoneMasked what most roles are shown.
// Scope is the owner scope of the brands the record serves (see
// Brand.Scope): brands that share customers share members.
type Member struct {
	ID            int64
	CorpID        int64
	Scope         int64
	MemberNo      string
	UnionID       string `gorm:"column:unionid"`
	Name          string
	Gender        int    // 0 unknown, 1 male, 2 female (WeChat's numbering)
	Birthday      string // YYYY-MM-DD, or "" when unknown
	Tier          string
	Points        int64
	RegStoreID    *int64
	RegChannel    string
	HomeStoreID   *int64
	PhoneSealed   string
	PhoneIndex    string
	PhoneMasked   string
	PhoneVerified bool
	Tags          string // Siyu tags, JSON array of names
	Status        string
	MergedInto    *int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// MemberIdentity is one key that finds a member. Value is the key itself,
// except for a phone, where it is the blind index.
type MemberIdentity struct {
	ID        int64
	CorpID    int64
	Scope     int64
	MemberID  int64
	Kind      string
	Value     string
	CreatedAt time.Time
}

// MemberKeys are the identity keys a record (a member upsert, an order)
// carries; Phone is the blind index, already computed.
type MemberKeys struct {
	MemberNo   string
	UnionID    string
	OpenIDs    []string
	PhoneIndex string
	Externals  []string
}

// MemberMatcher finds the member a record's keys point at within a scope,
// trying the strongest key first (member number, unionid, openid, phone,
// external_userid); nil when none does. app/member implements it for the
// capabilities that link records to members (orders, touches).
type MemberMatcher interface {
	MatchMember(ctx context.Context, corpID, scope int64, keys MemberKeys) (*Member, error)
	// MatchMembers is MatchMember for many records of one scope at once:
	// the id of each one's member, 0 for none.
	MatchMembers(ctx context.Context, corpID, scope int64, keys []MemberKeys) ([]int64, error)
}

// Review statuses of a member conflict.
const (
	ReviewOpen      = "open"
	ReviewMerged    = "merged"
	ReviewDismissed = "dismissed"
)

// MemberReview is a possible match the system would not merge on its own
// (two member numbers behind one unionid, a phone nobody verified): an
// operator merges or dismisses it.
type MemberReview struct {
	ID        int64
	CorpID    int64
	Scope     int64
	MemberID  int64 // the record the incoming data was for
	OtherID   int64 // the record holding the clashing key
	Kind      string
	Reason    string
	Payload   string // the incoming record, JSON, phone masked
	Status    string
	DecidedBy string
	DecidedAt *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// MemberMerge records one merge so that it can be undone: which keys
// moved and the survivor's fields before the merge filled them in.
type MemberMerge struct {
	ID         int64
	CorpID     int64
	SurvivorID int64
	MergedID   int64
	Reason     string // "unionid", "phone", "review", "manual"
	Keys       string `gorm:"column:moved_keys"`  // JSON: the identities moved, [{"Kind","Value"}]
	Before     string `gorm:"column:before_json"` // JSON: the survivor's fields before the merge
	Actor      string
	UndoneAt   *time.Time
	UndoneBy   string
	CreatedAt  time.Time
}
