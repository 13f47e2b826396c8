package api

import (
	"bytes"
	"encoding/json"

	"sort"
	"strings"
	"unicode/utf8"
)

// detailLine is one field of an entry's detail: a change (before →
// after), or a value a create, delete or export recorded.
type detailLine struct {
	Key, Before, After string
	Change             bool
}

// detailKeys name the fields details carry most often; others show as
// recorded.
var detailKeys = map[string]string{"Name": "名称", "name": "名称", "Code": "编码", "Status": "状态", "City": "城市", "Address": "地址",
	"Kind": "类型", "Role": "角色", "UserID": "导购", "AssignedAt": "分配时间", "takeover_userid": "接替导购", "StoreID": "门店", "BrandID": "品牌", "RegionID": "区域", "OpeningHours": "营业时间",
	"Latitude": "纬度", "Longitude": "经度", "Disabled": "停用", "Username": "用户名", "username": "用户名", "State": "渠道码", "Welcome": "欢迎语",
	"TagIDs": "标签", "DailyCap": "每日上限", "Pick": "分配方式", "BackupUserID": "备用导购", "SkipVerify": "免验证", "Members": "导购",
	"SharesCustomers": "共享客户", "tags": "标签", "group": "标签组", "filter": "筛选条件", "format": "格式", "mode": "方式", "rule": "规则",
	"items": "客户数", "cancelled": "已取消", "reason": "原因",
	// outbound: mass sends, journeys, group SOPs, group tags
	"status": "状态", "trigger": "触发条件", "steps": "步骤数", "selection": "客户群选择", "group_name": "标签组", "groups": "客户群",
	"year": "年份", "date": "日期", "kind": "类型", "size": "大小（字节）", "audience": "发送对象", "chat_type": "发送类型", "send_at": "发送时间", "targeted": "目标数", "holdout_percent": "对照组比例（%）",
	// members: merges, splits, reviews, phone views, imports
	"merged_id": "被合并会员", "other_id": "另一条会员记录", "keys": "转移的标识数", "phone": "手机号", "file": "文件", "rows": "行数",
	"created": "新增", "updated": "更新", "unchanged": "未变", "rejected": "拒绝", "merged": "自动合并", "reviews": "待审核"}

// detailSkip are fields that say nothing to a reader of the log.
var detailSkip = map[string]bool{"ID": true, "CorpID": true, "CreatedAt": true, "UpdatedAt": true, "ConfigID": true, "QRCode": true,
	"StoreCode": true, "PasswordHash": true, "ChannelID": true, "merge_id": true, "review_id": true}

// maxDetailValue bounds a value shown in the list; the whole detail is
// behind it, indented.
const maxDetailValue = 80

// detailLines reads an entry's JSON detail: for before/after, the fields
// that differ (all non-empty fields of a create or delete), else each
// field; and the whole of it indented.
func detailLines(raw string) ([]detailLine, string) {
	var v any
	d := json.NewDecoder(strings.NewReader(raw))
	d.UseNumber()
	if raw == "" || d.Decode(&v) != nil {
		return nil, raw
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, []byte(raw), "", "  ") != nil {
		pretty.Reset()
		pretty.WriteString(raw)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return []detailLine{{After: compactValue(v)}}, pretty.String()
	}
	var lines []detailLine
	before, hasBefore := m["before"]
	after, hasAfter := m["after"]
	if hasBefore || hasAfter {
		lines = changeLines(asMap(before), asMap(after))
	}
	for _, k := range sortedKeys(m) {
		if (k != "before" && k != "after" || !(hasBefore || hasAfter)) && !detailSkip[k] {
			lines = append(lines, detailLine{Key: keyName(k), After: compactValue(m[k])})
		}
	}
	return lines, pretty.String()
}

// changeLines compares before and after field by field.
func changeLines(before, after map[string]any) []detailLine {
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []detailLine
	for _, k := range sortedKeys(keys) {
		b, a := compactValue(before[k]), compactValue(after[k])
		switch {
		case detailSkip[k]:
		case before == nil && a != "":
			out = append(out, detailLine{Key: keyName(k), After: a})
		case after == nil && b != "":
			out = append(out, detailLine{Key: keyName(k), Before: b})
		case before != nil && after != nil && a != b:
			out = append(out, detailLine{Key: keyName(k), Before: orText(b, "（空）"), After: orText(a, "（空）"), Change: true})
		}
	}
	return out
}

// detailName is the name an entry's detail gives its object, after or
// else before (a deleted object's).
func detailName(raw string) string {
	var m map[string]any
	if json.Unmarshal([]byte(raw), &m) != nil {
		return ""
	}
	for _, side := range []string{"after", "before"} {
		if o := asMap(m[side]); o != nil {
			for _, k := range []string{"Name", "name", "Username"} {
				if s, ok := o[k].(string); ok && s != "" {
					return s
				}
			}
		}
	}
	return ""
}

// detailField is the text field key of an entry's detail, "" when it has
// none.
func detailField(raw, key string) string {
	var m map[string]any
	if json.Unmarshal([]byte(raw), &m) != nil {
		return ""
	}
	s, _ := m[key].(string)
	return s
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// compactValue shows a value on one line: text as it is, nothing as "",
// lists and objects as compact JSON, cut to maxDetailValue characters.
func compactValue(v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		s = x
	case bool:
		s = map[bool]string{true: "是", false: "否"}[x]
	case json.Number:
		s = x.String()
	case []any:
		if s = listValue(x); s == "" {
			return ""
		}
	default:
		b, _ := json.Marshal(x)
		s = string(b)
		if s == "[]" || s == "{}" {
			return ""
		}
	}
	if utf8.RuneCountInString(s) > maxDetailValue {
		s = string([]rune(s)[:maxDetailValue]) + "…"
	}
	return s
}

// listValue shows a list of texts, or of members with a UserID (a
// channel's guides), as its items joined by listSep, so that they can be
// named one by one; other lists show as compact JSON.
func listValue(xs []any) string {
	items := make([]string, 0, len(xs))
	for _, x := range xs {
		switch v := x.(type) {
		case string:
			items = append(items, v)
		case map[string]any:
			id, ok := v["UserID"].(string)
			if !ok {
				b, _ := json.Marshal(xs)
				return string(b)
			}
			items = append(items, id)
		default:
			b, _ := json.Marshal(xs)
			return string(b)
		}
	}
	return strings.Join(items, listSep)
}

// listSep separates the items of a list value.
const listSep = "、"

func keyName(k string) string {
	if n, ok := detailKeys[k]; ok {
		return n
	}
	return k
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
