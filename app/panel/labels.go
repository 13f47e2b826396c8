package panel

import (
	"fmt"
	"time"
)

// Local formats t (a time.Time or *time.Time; nil is "") in the page's
// corp time zone, to the minute.
func (p *CustomerPage) Local(t any) string {
	switch v := t.(type) {
	case time.Time:
		return v.In(p.Location).Format("2006-01-02 15:04")
	case *time.Time:
		if v == nil {
			return ""
		}
		return v.In(p.Location).Format("2006-01-02 15:04")
	}
	return ""
}

// Yuan formats integer cents as yuan.
func Yuan(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s¥%d.%02d", sign, cents/100, cents%100)
}

// CustomerType names WeCom's external contact type.
func CustomerType(t int) string {
	switch t {
	case 1:
		return "微信用户"
	case 2:
		return "企业微信用户"
	}
	return "未知类型"
}

// AddWay names WeCom's add_way: how the customer came to this member.
// The codes beyond the first few follow WeCom's doc as we remember it
// (unconfirmed in REFERENCE.md), and an unknown code shows as its number.
func AddWay(way int) string {
	switch way {
	case 0:
		return "未知来源"
	case 1:
		return "扫描二维码"
	case 2:
		return "搜索手机号"
	case 3:
		return "名片分享"
	case 4:
		return "群聊"
	case 5:
		return "手机通讯录"
	case 6:
		return "微信联系人"
	case 201:
		return "内部成员共享"
	case 202:
		return "管理员/负责人分配"
	}
	return fmt.Sprintf("其他方式（%d）", way)
}

// Initial is what stands for the customer when their avatar is missing or
// cannot be loaded: the first character of their name.
func (p *CustomerPage) Initial() string {
	for _, r := range p.Customer.Name {
		return string(r)
	}
	return "客"
}
