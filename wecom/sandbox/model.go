package sandbox

// Member is a WeCom member (成员) of a corp; a store guide is one.
type Member struct {
	UserID      string
	Name        string
	Departments []int
	// Store is a hint for seeders and demos; WeCom itself has no such field.
	Store string
	// ContactEnabled means 客户联系 is enabled: the member appears in
	// get_follow_user_list and may have customers.
	ContactEnabled bool
	// Resigned members keep their customers and groups until 离职继承 moves
	// them; ResignTime is when they left (dimission_time).
	Resigned   bool
	ResignTime int64
}

// Customer is an external contact (外部联系人) as the corp sees them.
type Customer struct {
	ExternalUserID string
	Name           string
	Avatar         string
	Position       string
	CorpName       string
	CorpFullName   string
	// Type is 1 for a WeChat user, 2 for a WeCom user.
	Type int
	// Gender is 0 unknown, 1 male, 2 female.
	Gender int
	// UnionID is answered only for WeChat users of a corp with a bound
	// WeChat developer id (CorpConfig.UnionIDBound).
	UnionID string
}

// Follow is the member × customer relation (跟进关系).
type Follow struct {
	UserID         string
	ExternalUserID string
	Remark         string
	Description    string
	CreateTime     int64
	TagIDs         []string
	RemarkCorpName string
	RemarkMobiles  []string
	OperUserID     string
	// AddWay is WeCom's add_way (1 scanned a QR code, 2 searched a phone
	// number, 3 shared card, …, 0 unknown).
	AddWay int
	State  string
	// Chatted means the two have exchanged messages, so no welcome code.
	Chatted bool
}

// Group is a customer group chat (客户群).
type Group struct {
	ChatID     string
	Name       string
	Owner      string
	Notice     string
	CreateTime int64
	Admins     []string
	Members    []GroupMember
	// Version is member_version, changed by every join or leave.
	Version string
	// Status is the inheritance status: 0 normal, 1 离职待继承, 2 离职继承中,
	// 3 离职继承完成.
	Status    int
	Dismissed bool
}

// GroupMember is one person in a group.
type GroupMember struct {
	UserID string
	// Type is 1 for a corp member, 2 for an external contact.
	Type          int
	UnionID       string
	JoinTime      int64
	JoinScene     int
	Invitor       string
	GroupNickname string
	Name          string
	State         string
}

// TagGroup is a corp tag group with its tags.
type TagGroup struct {
	GroupID    string
	GroupName  string
	CreateTime int64
	Order      int
	Tags       []Tag
}

// Tag is a corp tag (企业标签).
type Tag struct {
	ID         string
	Name       string
	CreateTime int64
	Order      int
}
