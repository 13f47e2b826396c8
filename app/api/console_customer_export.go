package api

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// exportCustomers downloads the customers the list's filter selects.
// Analysts get names and remarks masked: they read figures, not people.
func (s *server) exportCustomers(c *gin.Context) {
	ctx := c.Request.Context()
	v := s.view(c, "客户", "customers", nil)
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	_, q, bad := readCustomerFilter(c, v.Zone, own)
	var cv customersView
	if err := firstOf(bad.Err(), s.customerChoices(ctx, q.CorpID, 0, &cv)); err != nil {
		s.consoleError(c, err)
		return
	}
	mask := app.ReadOnly(caller(c).Role)
	s.export(c, "customers", table{name: "客户", header: []string{"external_userid", "姓名", "备注", "归属导购", "归属门店", "归属状态", "渠道", "添加时间", "标签"},
		each: func(emit func([]string) error) error {
			return s.eachCustomer(ctx, q, cv, func(r customerRow) error {
				name, remark := r.Name, r.Remark
				if mask {
					name, remark = maskText(name), maskText(remark)
				}
				return emit([]string{r.ExternalUserID, name, remark, r.Owner, r.Store, ownerStatusName(r), r.Channel, v.Local(r.AddTime), strings.Join(r.Tags, "、")})
			})
		}})
}

// eachCustomer reads every page of q.
func (s *server) eachCustomer(ctx context.Context, q app.CustomerQuery, cv customersView, fn func(customerRow) error) error {
	q.Limit = app.MaxPageSize
	for q.Offset = 0; ; q.Offset += q.Limit {
		list, more, err := s.d.Customers.SearchCustomers(ctx, q)
		if err != nil {
			return err
		}
		rows, err := s.customerRows(ctx, q.CorpID, list, cv)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		if !more {
			return nil
		}
	}
}

// ownerStatusName says where a customer stands.
func ownerStatusName(r customerRow) string {
	switch {
	case r.CustomerListing.Owner == nil:
		return "未分配"
	case r.CustomerListing.Owner.Status == app.OwnerPool:
		return "客户池"
	case r.Left:
		return "导购已离职"
	}
	return "已分配"
}

// maskText keeps the first character: 王** for 王小明.
func maskText(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s)
	return string(r) + strings.Repeat("*", max(n-1, 1))
}
