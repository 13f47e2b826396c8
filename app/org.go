package app

import "time"

// Brand is one brand or business unit of a corp (品牌). A corp may run
// several; brands that share customers form one pool (a customer of one is
// known to and assignable by the others), a brand that does not keeps its
// customers apart.
type Brand struct {
	ID              int64
	CorpID          int64
	Name            string
	SharesCustomers bool
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Scope is the owner scope of the brand's customers: the corp's shared
// pool (0) unless the brand keeps its customers apart, then the brand's
// own. A store without a brand (nil) is in the shared pool.
func (b *Brand) Scope() int64 {
	if b == nil || b.SharesCustomers {
		return 0
	}
	return b.ID
}

// Region groups stores for management and reports (区域).
type Region struct {
	ID        int64
	CorpID    int64
	Name      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Kinds of store-like unit. The online team is a unit of its own kind so
// assignment and attribution treat it exactly like a store.
const (
	StoreKindStore  = "store"
	StoreKindOnline = "online"
)

// Store statuses. A store is closed, never deleted: customers, orders and
// audit entries keep referring to it.
const (
	StoreOpen   = "open"
	StoreClosed = "closed"
)

// Store is a physical store (门店) or the online team.
type Store struct {
	ID       int64
	CorpID   int64
	Code     string // the brand's own store code, unique in the corp
	Name     string
	Kind     string
	BrandID  *int64
	RegionID *int64
	City     string
	Address  string
	// Coordinates in micro-degrees (degrees × 1,000,000), exact integers
	// so distances compare the same on every database; both or neither.
	Latitude     *int64
	Longitude    *int64
	OpeningHours string // daily ranges "09:00-21:00", comma-separated
	Status       string
	ClosedAt     *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Guide roles.
const (
	GuideRoleGuide   = "guide"
	GuideRoleManager = "store_manager"
)

// Guide statuses. A guide who leaves keeps the row, so the customers they
// served can still be traced to them.
const (
	GuideActive = "active"
	GuideLeft   = "left"
)

// Guide is a WeCom member bound to one store (导购 or 店长).
type Guide struct {
	ID        int64
	CorpID    int64
	UserID    string `gorm:"column:userid"`
	Name      string // display name (姓名) customers and people see; never the userid
	StoreID   int64
	StoreCode string `gorm:"->"` // read with the guide; input names the store by code
	Role      string
	Status    string
	LeftAt    *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// GuideFilter selects a page of a corp's guides; StoreID and Status narrow
// it when set.
type GuideFilter struct {
	Page
	StoreID int64
	Status  string
	Role    string // only guides of this role (GuideRoleManager: the store managers); "" any
}
