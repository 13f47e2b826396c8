package app

import "time"

// SegmentRule is a segment's definition (人群) as operators write it: a
// group (Op "and" or "or" over Rules) or one condition (Field Cmp Value).
type SegmentRule struct {
	Op    string        `json:"op,omitempty"`
	Rules []SegmentRule `json:"rules,omitempty"`
	Field string        `json:"field,omitempty"`
	Cmp   string        `json:"cmp,omitempty"`
	Value any           `json:"value,omitempty"`
}

// SegmentCond is a SegmentRule checked: the field known, the comparison
// allowed for its type, the values parsed (texts, int64s, or times).
type SegmentCond struct {
	Op    string
	Kids  []SegmentCond
	Field string
	Cmp   string
	Args  []any
}

// Field types of segment conditions.
const (
	SegText   = "text"
	SegNumber = "number"
	SegTime   = "time"
	SegEnum   = "enum"
	SegTags   = "tags"
	SegFlag   = "flag"
	SegRecent = "recent" // a touch of the field's kind within N days
)

// SegmentField is one field a condition may read: its label and type and,
// for an enum, its values with their labels.
type SegmentField struct {
	Label  string
	Type   string
	Values map[string]string
}

// SegmentFields are the fields conditions may read, by name.
var SegmentFields = map[string]SegmentField{
	"customer.name":         {Label: "客户昵称", Type: SegText},
	"customer.gender":       {Label: "客户性别", Type: SegEnum, Values: map[string]string{"0": "未知", "1": "男", "2": "女"}},
	"follow.add_time":       {Label: "添加时间", Type: SegTime},
	"follow.userid":         {Label: "跟进导购", Type: SegText},
	"follow.state":          {Label: "添加渠道 state", Type: SegText},
	"tag":                   {Label: "企业标签", Type: SegTags},
	"owner.userid":          {Label: "归属导购", Type: SegText},
	"owner.store_id":        {Label: "归属门店", Type: SegNumber},
	"owner.channel_id":      {Label: "获客渠道活码", Type: SegNumber},
	"owner.status":          {Label: "归属状态", Type: SegEnum, Values: map[string]string{OwnerAssigned: "已分配", OwnerPool: "客户池"}},
	"member.exists":         {Label: "是会员", Type: SegFlag},
	"member.tier":           {Label: "会员等级", Type: SegText},
	"member.points":         {Label: "会员积分", Type: SegNumber},
	"member.gender":         {Label: "会员性别", Type: SegEnum, Values: map[string]string{"0": "未知", "1": "男", "2": "女"}},
	"member.birthday_month": {Label: "生日月份", Type: SegNumber},
	"member.home_store_id":  {Label: "会员归属门店", Type: SegNumber},
	"rfm.class":             {Label: "RFM 分类", Type: SegEnum, Values: RFMClassNames},
	"rfm.stage":             {Label: "生命周期", Type: SegEnum, Values: StageNames},
	"rfm.frequency":         {Label: "购买次数", Type: SegNumber},
	"rfm.monetary":          {Label: "累计消费（分）", Type: SegNumber},
	"rfm.recency_days":      {Label: "距上次购买天数", Type: SegNumber},
	"touch.add":             {Label: "近 N 天添加过导购", Type: SegRecent},
	"touch.welcome":         {Label: "近 N 天收到欢迎语", Type: SegRecent},
	"touch.share_click":     {Label: "近 N 天打开过分享链接", Type: SegRecent},
	"touch.group_join":      {Label: "近 N 天入群", Type: SegRecent},
	"touch.panel_send":      {Label: "近 N 天导购发送过内容", Type: SegRecent},
}

// SegmentCmps are the comparisons each field type allows, with labels.
var SegmentCmps = map[string]map[string]string{
	SegText:   {"eq": "等于", "ne": "不等于", "in": "属于", "not_in": "不属于", "prefix": "开头是", "contains": "包含"},
	SegNumber: {"eq": "等于", "ne": "不等于", "in": "属于", "not_in": "不属于", "gt": "大于", "gte": "不小于", "lt": "小于", "lte": "不大于", "between": "介于"},
	SegTime:   {"within_days": "最近 N 天内", "before_days": "N 天以前", "between": "介于（日期）"},
	SegEnum:   {"eq": "等于", "ne": "不等于", "in": "属于", "not_in": "不属于"},
	SegTags:   {"any": "含任一", "all": "含全部", "none": "都不含"},
	SegFlag:   {"is": "是", "not": "不是"},
	SegRecent: {"within_days": "最近 N 天内有", "not_within_days": "最近 N 天内没有"},
}

// Segment is a named, saved rule with its latest materialized snapshot.
type Segment struct {
	ID           int64
	CorpID       int64
	Name         string
	Rule         string // SegmentRule, JSON
	RefreshHours int    // 0: only on demand
	Version      int    // the latest snapshot's version, 0 before any
	Count        int64  // the latest snapshot's size
	RefreshedAt  *time.Time
	CreatedBy    string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// SegmentVersion is one snapshot of a segment still kept: its version and
// how many customers it holds.
type SegmentVersion struct {
	Version int
	Count   int64
}
