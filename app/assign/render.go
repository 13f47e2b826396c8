package assign

import (
	"context"
	"regexp"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Names a welcome may fill in, and what a customer reads when Siyu does
// not know one: never a userid, never a dangling phrase.
const (
	fieldCustomer = "客户"
	fieldGuide    = "导购"
	fieldStore    = "门店"
)

// neutral is each field's wording when its value is unknown. {门店} tied
// to the next word by 的 is dropped with it ("我是{门店}的{导购}" reads
// "我是您的专属顾问"), and is 本店 elsewhere ("欢迎来到本店").
var neutral = map[string]string{fieldCustomer: "顾客", fieldGuide: "您的专属顾问", fieldStore: "本店"}

// placeholder matches {客户}, {导购}, {门店}, each optionally with its own
// fallback: {导购|店员小美}.
var placeholder = regexp.MustCompile(`\{(客户|导购|门店)(?:\|([^{}]*))?\}(的)?`)

// Render fills a welcome template with the names known (empty ones take
// the template's fallback, else the neutral wording).
func Render(text string, names map[string]string) string {
	return placeholder.ReplaceAllStringFunc(text, func(m string) string {
		p := placeholder.FindStringSubmatch(m)
		field, fallback, de := p[1], p[2], p[3]
		v := names[field]
		if v == "" && strings.Contains(m, "|") {
			v = fallback
		}
		if v != "" {
			return v + de
		}
		if field == fieldStore && de != "" {
			return ""
		}
		return neutral[field] + de
	})
}

// render fills the add's welcome text: the customer's name (read from
// WeCom now if the text needs it and Siyu has not read them yet), the
// owner's display name and their store's name. read reports that the
// customer was read on the way.
func (s *Service) render(ctx context.Context, a app.CustomerAdd, out outcome, text string) (string, bool, error) {
	customer, read, err := s.customerName(ctx, a, text)
	if err != nil {
		return "", read, err
	}
	guide, store, err := s.ownerNames(ctx, a, out)
	if err != nil {
		return "", read, err
	}
	return Render(text, map[string]string{fieldCustomer: customer, fieldGuide: guide, fieldStore: store}), read, nil
}

// customerName is the customer's name, read from WeCom first when the
// text names them and the mirror does not know it yet.
func (s *Service) customerName(ctx context.Context, a app.CustomerAdd, text string) (string, bool, error) {
	name, err := s.Names.CustomerName(ctx, a.CorpID, a.ExternalUserID)
	if err != nil || name != "" || !strings.Contains(text, "{"+fieldCustomer) || s.Refresh == nil {
		return name, false, err
	}
	if err := s.Refresh.ReadAddedCustomer(ctx, a.CorpID, a.UserID, a.ExternalUserID, a.ReceivedAt, a.At); err != nil {
		return "", false, err
	}
	name, err = s.Names.CustomerName(ctx, a.CorpID, a.ExternalUserID)
	return name, true, err
}

// ownerNames are the display name of the guide who greets (the member the
// customer added) and the name of the owner's store: the guide's own name
// in Siyu, else WeCom's, else unknown.
func (s *Service) ownerNames(ctx context.Context, a app.CustomerAdd, out outcome) (guide, store string, err error) {
	guides, err := s.Org.GuidesByUserID(ctx, a.CorpID, []string{a.UserID})
	if err != nil {
		return "", "", err
	}
	guide = guides[a.UserID].Name
	if guide == "" {
		staff, err := s.Names.StaffNames(ctx, a.CorpID, []string{a.UserID})
		if err != nil {
			return "", "", err
		}
		guide = staff[a.UserID]
	}
	if out.storeID == nil {
		return guide, "", nil
	}
	stores, err := s.Org.StoresByID(ctx, a.CorpID, []int64{*out.storeID})
	return guide, stores[*out.storeID].Name, err
}
