package app

import "time"

// Staff is a member of the corp (成员). Guides are staff bound to a store.
type Staff struct {
	ID             int64
	CorpID         int64
	UserID         string `gorm:"column:userid"`
	Name           string
	ContactEnabled bool // listed by get_follow_user_list: may have customers
	SyncedAt       *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Customer is an external contact (客户) as WeCom describes them.
type Customer struct {
	ID             int64
	CorpID         int64
	ExternalUserID string `gorm:"column:external_userid"`
	UnionID        string `gorm:"column:unionid"` // set for WeChat users when the corp bound an Open Platform account
	Name           string
	Type           int // 1 WeChat, 2 WeCom
	Gender         int // 0 unknown, 1 male, 2 female
	Avatar         string
	CorpName       string
	SyncedAt       *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Follow is the relation between one member and one customer (跟进关系).
// A deleted relation is kept with DeletedAt (WeCom's time of the deletion)
// and DeletedBy, because history matters for ownership and attribution.
type Follow struct {
	ID             int64
	CorpID         int64
	UserID         string `gorm:"column:userid"`
	ExternalUserID string `gorm:"column:external_userid"`
	Remark         string
	Description    string
	AddTime        *time.Time // when WeCom says the current friendship began
	AddWay         int
	State          string   // the contact way's state at add: Siyu's channel id
	OperUserID     string   `gorm:"column:oper_userid"`
	TagIDs         []string `gorm:"-"` // corp tags marked on this relation
	DeletedAt      *time.Time
	DeletedBy      string // FollowDeletedBy*
	SyncedAt       *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Who ended a follow relation.
const (
	FollowDeletedByMember   = "member"   // member deleted the customer
	FollowDeletedByCustomer = "customer" // customer deleted the member
	FollowDeletedByTransfer = "transfer" // removed by an on-job transfer
	FollowDeletedBySync     = "sync"     // gone from WeCom, event not yet seen
)

// Active reports whether the relation currently exists.
func (f *Follow) Active() bool { return f.DeletedAt == nil }

// Group is a customer group chat (客户群).
type Group struct {
	ID            int64
	CorpID        int64
	ChatID        string
	Name          string
	Owner         string
	Notice        string
	CreateTime    *time.Time
	MemberVersion string
	Status        int // 0 normal; 1..3 resigned-inheritance states
	DismissedAt   *time.Time
	SyncedAt      *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// GroupMember is one member of a group, staff (Type 1) or customer (Type 2).
type GroupMember struct {
	ID            int64
	CorpID        int64
	ChatID        string
	MemberID      string
	Type          int
	UnionID       string `gorm:"column:unionid"`
	Name          string
	GroupNickname string
	JoinTime      *time.Time
	JoinScene     int    // 1 invited, 2 invite link, 3 QR code
	Invitor       string // userid of the member who invited
	State         string // join-way state: referral attribution
	LeftAt        *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TagGroup is a group of corp tags (标签组) with its tags.
type TagGroup struct {
	ID         int64
	CorpID     int64
	GroupID    string
	Name       string
	Order      int64 `gorm:"column:sort_order"`
	CreateTime *time.Time
	DeletedAt  *time.Time
	Tags       []Tag `gorm:"-"`
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Tag is one corp tag (企业标签).
type Tag struct {
	ID         int64
	CorpID     int64
	TagID      string
	GroupID    string
	Name       string
	Order      int64 `gorm:"column:sort_order"`
	CreateTime *time.Time
	DeletedAt  *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}
