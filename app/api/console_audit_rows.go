package api

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// auditLogRow is one entry as the log shows it: who by name, the action
// in words, the object by name with a link to its page where one exists,
// and the detail as the fields that changed.
type auditLogRow struct {
	*app.AuditEntry
	Actor, Action, Kind string
	Target, Link        string
	Only                string // the log of this object alone
	Lines               []detailLine
	Raw                 string // the detail, indented
	Hidden              bool   // a customer's or member's detail, withheld from an analyst
}

// objectName is what an audited object is called and where its page is.
type objectName struct{ Name, Link string }

// auditRows names list for v's reader. An analyst reads customers' and
// members' names masked and not their details: they read figures, not
// people.
func (s *server) auditRows(ctx context.Context, v *consoleView, list []*app.AuditEntry) ([]auditLogRow, error) {
	corpID := int64(0)
	actors := make([]string, len(list))
	for i, e := range list {
		actors[i], corpID = e.Actor, e.CorpID
	}
	if len(list) == 0 {
		return nil, nil
	}
	names, err := s.d.Names.Actors(ctx, corpID, actors)
	if err != nil {
		return nil, err
	}
	objects, err := s.auditObjects(ctx, corpID, list, v)
	if err != nil {
		return nil, err
	}
	mask := app.ReadOnly(v.Role)
	rows := make([]auditLogRow, len(list))
	for i, e := range list {
		o := objects[e.TargetType+":"+e.TargetID]
		if o.Name == "" {
			o.Name = fallbackName(e)
		}
		r := auditLogRow{AuditEntry: e, Actor: names[e.Actor], Action: app.AuditActionLabel(e.Action), Kind: app.AuditTargetLabel(e.TargetType),
			Target: o.Name, Link: o.Link, Only: "/console/audit?" + url.Values{"type": {e.TargetType}, "target": {e.TargetID}}.Encode()}
		if e.TargetType == "export" || e.TargetType == "import" {
			r.Only = "/console/audit?" + url.Values{"action": {e.Action}}.Encode()
		}
		if r.Hidden = mask && (e.TargetType == "customer" || e.TargetType == "member"); r.Hidden {
			r.Target = maskText(r.Target)
		} else {
			r.Lines, r.Raw = detailLines(e.Detail)
		}
		rows[i] = r
	}
	return rows, s.nameDetails(ctx, corpID, v.Zone, rows)
}

// auditObjects names the objects of list, by "type:id": each kind read
// once for the page (a page holds at most 50 entries).
func (s *server) auditObjects(ctx context.Context, corpID int64, list []*app.AuditEntry, v *consoleView) (map[string]objectName, error) {
	ids := map[string][]string{}
	seen := map[string]bool{}
	for _, e := range list {
		if k := e.TargetType + ":" + e.TargetID; !seen[k] {
			seen[k] = true
			ids[e.TargetType] = append(ids[e.TargetType], e.TargetID)
		}
	}
	out := map[string]objectName{}
	for kind, list := range ids {
		name := s.auditNamer(kind, v)
		for _, id := range list {
			o, err := name(ctx, corpID, id)
			if app.ErrorCode(err) == app.ENOTFOUND {
				continue // deleted: the detail's name stands in
			}
			if err != nil {
				return nil, err
			}
			out[kind+":"+id] = o
		}
	}
	return out, nil
}

// auditNamer names one object of kind, with its page's link when the
// reader may open it.
func (s *server) auditNamer(kind string, v *consoleView) func(ctx context.Context, corpID int64, id string) (objectName, error) {
	num := func(id string) int64 { n, _ := strconv.ParseInt(id, 10, 64); return n }
	link := func(ok bool, to string) string {
		if ok {
			return to
		}
		return ""
	}
	switch kind {
	case "customer":
		return func(ctx context.Context, corpID int64, id string) (objectName, error) {
			c, err := s.d.Customers.FindCustomer(ctx, corpID, id)
			if err != nil {
				return objectName{}, err
			}
			return objectName{Name: orText(c.Name, "（未知姓名）"), Link: "/console/customers/c/" + url.PathEscape(id)}, nil
		}
	case "store":
		return func(ctx context.Context, corpID int64, id string) (objectName, error) {
			st, err := s.d.Org.FindStore(ctx, corpID, num(id))
			if err != nil {
				return objectName{}, err
			}
			return objectName{Name: st.Name, Link: link(v.CanWrite, "/console/stores/"+id+"/edit")}, nil
		}
	case "guide":
		return func(ctx context.Context, corpID int64, id string) (objectName, error) {
			g, err := s.d.Org.FindGuide(ctx, corpID, num(id))
			if err != nil {
				return objectName{}, err
			}
			return objectName{Name: orText(g.Name, "未登记姓名的导购"), Link: link(v.CanWrite, "/console/guides/"+id+"/edit")}, nil
		}
	case "member":
		return func(ctx context.Context, corpID int64, id string) (objectName, error) {
			if s.d.MemberList == nil {
				return objectName{}, errNoSuchObject
			}
			m, err := s.d.MemberList.FindMember(ctx, corpID, num(id))
			if err != nil {
				return objectName{}, err
			}
			return objectName{Name: memberName(m), Link: "/console/members/" + id}, nil
		}
	case "reward":
		return s.rewardNamer
	case "referral_campaign":
		return s.referralNamer
	case "channel":
		return func(ctx context.Context, corpID int64, id string) (objectName, error) {
			if s.d.Channels == nil {
				return objectName{}, errNoSuchObject
			}
			ch, err := s.d.Channels.FindChannel(ctx, corpID, num(id))
			if err != nil {
				return objectName{}, err
			}
			return objectName{Name: ch.Name, Link: "/console/channels/" + id}, nil
		}
	}
	return s.auditOtherNamer(kind, v)
}

// auditOtherNamer names the objects without a lookup of their own: tags
// from the library, accounts and tokens as the actors they are, the rest
// by kind and number.
func (s *server) auditOtherNamer(kind string, v *consoleView) func(ctx context.Context, corpID int64, id string) (objectName, error) {
	var groups []app.TagGroup // the library, read once for the page
	read := false
	return func(ctx context.Context, corpID int64, id string) (objectName, error) {
		switch kind {
		case "tag", "tag_group":
			if !read {
				var err error
				if groups, err = s.d.Customers.CorpTags(ctx, corpID); err != nil {
					return objectName{}, err
				}
				read = true
			}
			for _, g := range groups {
				if g.GroupID == id {
					return objectName{Name: g.Name, Link: "/console/tags#g-" + id}, nil
				}
				for _, t := range g.Tags {
					if t.TagID == id {
						return objectName{Name: t.Name, Link: "/console/customers?tag=" + url.QueryEscape(id)}, nil
					}
				}
			}
			return objectName{}, errNoSuchObject
		case "admin_user", "api_token":
			actor := map[string]string{"admin_user": "user:", "api_token": "token:"}[kind] + id
			names, err := s.d.Names.Actors(ctx, corpID, []string{actor})
			o := objectName{Name: names[actor]}
			if v.CanManage {
				o.Link = "/console/users"
			}
			return o, err
		case "transfer":
			o := objectName{Name: "继承/转接 #" + id}
			if s.d.Transfers != nil {
				o.Link = "/console/transfers/" + id
			}
			return o, nil
		}
		return objectName{}, errNoSuchObject
	}
}

// fallbackName names an object no lookup found (deleted, or a kind
// without one) from the entry itself.
func fallbackName(e *app.AuditEntry) string {
	if e.TargetType == "export" {
		return strings.TrimPrefix(app.AuditActionLabel(e.Action), "导出")
	}
	if file := detailField(e.Detail, "file"); e.TargetType == "import" && file != "" {
		return "文件「" + file + "」"
	}
	if n := detailName(e.Detail); n != "" {
		return n
	}
	return app.AuditTargetLabel(e.TargetType) + " #" + e.TargetID
}

func orText(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
