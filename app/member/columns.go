package member

import "github.com/siyu-scrm/siyu/app/sheet"

// col is a column of the member import (see sheet.Column). Fields are
// named as Input's JSON and check's refusals name them, so a refused
// field is reported under the header the file gave it.
func col(field string, names ...string) sheet.Column {
	return sheet.Column{Field: field, Names: names}
}

// columns are what a member file may hold, in Chinese or English. None is
// required as a column: a row needs one key of any kind, which check
// says when it has none.
var columns = []sheet.Column{
	col("member_no", "member_no", "会员号", "会员编号", "会员卡号"),
	col("name", "name", "姓名", "会员姓名"),
	col("phone", "phone", "mobile", "手机号", "手机", "手机号码"),
	col("phone_verified", "phone_verified", "手机已验证", "手机号已验证"),
	col("unionid", "unionid", "union_id"),
	col("openids", "openid", "openids", "open_id"),
	col("gender", "gender", "性别"),
	col("birthday", "birthday", "生日", "出生日期"),
	col("tier", "tier", "level", "等级", "会员等级"),
	col("points", "points", "积分", "积分余额"),
	col("reg_store_code", "reg_store_code", "注册门店编码"),
	col("reg_channel", "reg_channel", "注册渠道"),
	col("home_store_code", "home_store_code", "归属门店编码"),
	col("tags", "tags", "标签"),
	col("brand", "brand", "品牌"),
}
