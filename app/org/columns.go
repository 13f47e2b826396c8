package org

import "github.com/siyu-scrm/siyu/app/sheet"

// col is a column of an organisation import (see sheet.Column).
func col(field string, names []string, required bool) sheet.Column {
	return sheet.Column{Field: field, Names: names, Required: required}
}

var storeColumns = []sheet.Column{
	col("code", []string{"code", "store_code", "门店编码", "门店编号", "门店代码"}, true),
	col("name", []string{"name", "store_name", "门店名称", "名称"}, true),
	col("kind", []string{"kind", "type", "类型", "门店类型"}, false),
	col("brand", []string{"brand", "品牌"}, false),
	col("region", []string{"region", "区域", "大区"}, false),
	col("city", []string{"city", "城市"}, false),
	col("address", []string{"address", "地址", "门店地址"}, false),
	col("latitude", []string{"latitude", "lat", "纬度"}, false),
	col("longitude", []string{"longitude", "lng", "lon", "经度"}, false),
	col("opening_hours", []string{"opening_hours", "hours", "营业时间"}, false),
	col("status", []string{"status", "状态", "门店状态"}, false),
}

var guideColumns = []sheet.Column{
	col("userid", []string{"userid", "user_id", "成员账号", "账号", "企业微信账号", "企微账号", "员工账号"}, true),
	col("name", []string{"name", "姓名", "导购姓名", "名字"}, false),
	col("store_code", []string{"store_code", "store", "门店编码", "门店编号", "门店代码"}, true),
	col("role", []string{"role", "角色", "岗位"}, false),
	col("status", []string{"status", "状态", "在职状态"}, false),
}
