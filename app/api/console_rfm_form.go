package api

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/rfm"
)

// rfmForm is the settings as the form shows them: as typed, a threshold
// blank when it is the brand's median, money in yuan.
type rfmForm struct {
	RecencyDays, Frequency, Monetary    string
	GrowthOrders, ActiveDays, ChurnDays string
}

func formOfRFM(st app.RFMSettings) rfmForm {
	blank := func(n int64, s string) string {
		if n == 0 {
			return ""
		}
		return s
	}
	return rfmForm{RecencyDays: blank(int64(st.RecencyDays), strconv.Itoa(st.RecencyDays)), Frequency: blank(int64(st.Frequency), strconv.Itoa(st.Frequency)),
		Monetary: blank(st.MonetaryCents, yuanPlain(st.MonetaryCents)), GrowthOrders: strconv.Itoa(st.GrowthOrders),
		ActiveDays: strconv.Itoa(st.ActiveDays), ChurnDays: strconv.Itoa(st.ChurnDays)}
}

// yuanTyped is an amount of money as people type it: yuan, at most two
// decimals.
var yuanTyped = regexp.MustCompile(`^\d{1,9}(\.\d{1,2})?$`)

// readRFMForm reads the posted form into the settings it asks for, with
// what could not even be read refused by field.
func readRFMForm(c *gin.Context, scope int64) (rfmForm, rfm.SettingsInput, app.Fields) {
	f := rfmForm{RecencyDays: c.PostForm("recency_days"), Frequency: c.PostForm("frequency"), Monetary: c.PostForm("monetary"),
		GrowthOrders: c.PostForm("growth_orders"), ActiveDays: c.PostForm("active_days"), ChurnDays: c.PostForm("churn_days")}
	in := rfm.SettingsInput{Scope: scope}
	var bad app.Fields
	number := func(field, typed string, optional bool, to *int) {
		typed = strings.TrimSpace(typed)
		if typed == "" && optional {
			return
		}
		n, err := strconv.Atoi(typed)
		bad.Check(err != nil && optional, field, "请填写整数，或留空使用中位数")
		bad.Check(err != nil && !optional, field, "请填写整数")
		*to = n
	}
	number("recency_days", f.RecencyDays, true, &in.RecencyDays)
	number("frequency", f.Frequency, true, &in.Frequency)
	number("growth_orders", f.GrowthOrders, false, &in.GrowthOrders)
	number("active_days", f.ActiveDays, false, &in.ActiveDays)
	number("churn_days", f.ChurnDays, false, &in.ChurnDays)
	if m := strings.TrimSpace(f.Monetary); m != "" {
		whole, frac, _ := strings.Cut(m, ".")
		y, _ := strconv.ParseInt(whole, 10, 64)
		cents, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
		bad.Check(!yuanTyped.MatchString(m), "monetary", "金额应为元，最多两位小数，或留空使用中位数")
		in.MonetaryCents = y*100 + cents
	}
	return f, in, bad
}

// fieldsRenamed is fs with the service's name of a field put back to the
// form's.
func fieldsRenamed(fs app.Fields, from, to string) app.Fields {
	for i := range fs {
		if fs[i].Field == from {
			fs[i].Field = to
		}
	}
	return fs
}
