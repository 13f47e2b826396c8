package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Customers reads customers for the console: the searchable list and
// what a customer's page shows (app/db's DirectoryStore).
type Customers interface {
	app.CustomerSearch
	FindCustomer(ctx context.Context, corpID int64, externalUserID string) (*app.Customer, error)
	ListFollows(ctx context.Context, corpID int64, f app.FollowFilter) ([]app.Follow, int64, error)
	CorpTags(ctx context.Context, corpID int64) ([]app.TagGroup, error)
}

// customerPageSize is the rows of one page of the customer list.
const customerPageSize = 20

func (s *server) customerPageRoutes(g *gin.RouterGroup) {
	g.GET("/customers", s.customersPage)
	g.GET("/customers/export", s.exportCustomers)
	g.GET("/customers/c/:ext", s.customerPage)
}

// customerFilter is the list's filter as the URL carries it.
type customerFilter struct {
	Q, UserID, TagID, Owner, Sort, From, To string
	Deleted, Welcome, WelcomeFrom           string
	StoreID, ChannelID                      int64
}

// readCustomerFilter reads the filter from the URL; dates are days in
// the corp's zone, the end day included. A store manager's list is their
// store's customers (owned by it or followed by its guides), whatever the
// URL says.
func readCustomerFilter(c *gin.Context, zone *time.Location, own *app.Store) (customerFilter, app.CustomerQuery, app.Fields) {
	f := customerFilter{Q: strings.TrimSpace(c.Query("q")), UserID: c.Query("userid"), TagID: c.Query("tag"), Owner: c.Query("owner"),
		Sort: c.Query("sort"), From: c.Query("added_from"), To: c.Query("added_to"), Deleted: c.Query("deleted_from"),
		Welcome: c.Query("welcome"), WelcomeFrom: c.Query("welcome_from")}
	f.StoreID, _ = strconv.ParseInt(c.Query("store"), 10, 64)
	f.ChannelID, _ = strconv.ParseInt(c.Query("channel"), 10, 64)
	q := app.CustomerQuery{CorpID: caller(c).CorpID, Q: f.Q, StoreID: f.StoreID, UserID: f.UserID, TagID: f.TagID,
		ChannelID: f.ChannelID, OwnerStatus: f.Owner, Sort: f.Sort, Limit: customerPageSize}
	if own != nil {
		q.ScopeStoreID = own.ID
	}
	var bad app.Fields
	q.AddedFrom = day(&bad, "added_from", f.From, zone, 0)
	q.AddedBefore = day(&bad, "added_to", f.To, zone, 1)
	q.DeletedFrom = day(&bad, "deleted_from", f.Deleted, zone, 0)
	q.Welcome, q.WelcomeFrom = f.Welcome, day(&bad, "welcome_from", f.WelcomeFrom, zone, 0)
	if _, ok := app.WelcomeStatuses[f.Welcome]; f.Welcome != "" && !ok {
		bad.Add("welcome", "欢迎语状态应为 已发送、跳过 或 失败")
	}
	return f, q, bad
}

// day reads a yyyy-mm-dd day in zone, plus offset days.
func day(bad *app.Fields, field, s string, zone *time.Location, offset int) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, zone)
	if err != nil {
		bad.Add(field, "日期格式应为 2026-01-31")
		return nil
	}
	t = t.AddDate(0, 0, offset)
	return &t
}

// customerRow is one customer as the list shows them, by names.
type customerRow struct {
	app.CustomerListing
	Remark, Owner, Store, Channel string
	Left                          bool // the owning guide has left
	AddTime                       *time.Time
	Tags                          []string
}

type customersView struct {
	Filter  customerFilter
	Errors  map[string]string
	Rows    []customerRow
	Pager   pager
	Stores  []app.Store
	Guides  []app.Guide
	Tags    []app.TagGroup
	Chans   []app.Channel
	Scoped  bool
	Export  string // the export link of this filter
	Matches int    // app.MaxSearchMatches, said when a term is short
}

func (s *server) customersPage(c *gin.Context) {
	ctx := c.Request.Context()
	v := s.view(c, "客户", "customers", nil)
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f, q, bad := readCustomerFilter(c, v.Zone, own)
	page, offset := pageNumber(c, customerPageSize)
	q.Offset = offset
	cv := customersView{Filter: f, Scoped: own != nil, Export: "/console/customers/export?" + c.Request.URL.RawQuery, Matches: app.MaxSearchMatches}
	choices := q.StoreID
	if own != nil { // a store manager chooses among their own store's guides, whatever the URL asks
		choices = own.ID
	}
	if err := s.customerChoices(ctx, q.CorpID, choices, &cv); err != nil {
		s.consoleError(c, err)
		return
	}
	var list []app.CustomerListing
	more := false
	if err := bad.Err(); err != nil {
		cv.Errors = formErrors(err)
	} else if list, more, err = s.d.Customers.SearchCustomers(ctx, q); err != nil {
		s.consoleError(c, err)
		return
	}
	if cv.Rows, err = s.customerRows(ctx, q.CorpID, list, cv); err != nil {
		s.consoleError(c, err)
		return
	}
	cv.Pager = newPager(c, page, more)
	v.Data = cv
	s.render(c, http.StatusOK, "console_customers.html", v)
}

// customerChoices reads what the filters offer: stores, the guides of
// guideStore (the chosen or the manager's store), tags and channels.
func (s *server) customerChoices(ctx context.Context, corpID, guideStore int64, v *customersView) error {
	var err error
	if v.Stores, err = s.allStores(ctx, corpID); err != nil {
		return err
	}
	if guideStore != 0 {
		v.Guides, _, err = s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: app.Page{Limit: app.MaxPageSize}, StoreID: guideStore})
		if err != nil {
			return err
		}
	}
	if v.Tags, err = s.d.Customers.CorpTags(ctx, corpID); err != nil {
		return err
	}
	if s.d.Channels != nil {
		return eachPage(func(p app.Page) (int64, error) {
			cs, next, err := s.d.Channels.ListChannels(ctx, corpID, p)
			v.Chans = append(v.Chans, cs...)
			return next, err
		})
	}
	return nil
}

// customerRows names what the list shows: owners, stores, channels, tags.
func (s *server) customerRows(ctx context.Context, corpID int64, list []app.CustomerListing, v customersView) ([]customerRow, error) {
	var users []string
	for _, l := range list {
		if l.Owner != nil {
			users = append(users, l.Owner.UserID)
		}
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	if err != nil {
		return nil, err
	}
	tags := tagNames(v.Tags)
	rows := make([]customerRow, len(list))
	for i, l := range list {
		r := customerRow{CustomerListing: l, Left: l.OwnerLeft}
		f := ownerFollow(l)
		if f != nil {
			r.Remark, r.AddTime = f.Remark, f.AddTime
			r.Channel = channelByState(v.Chans, f.State)
		}
		if o := l.Owner; o != nil {
			r.Owner = personName(people, o.UserID)
			if o.StoreID != nil {
				r.Store = storeName(v.Stores, *o.StoreID)
			}
			if o.ChannelID != nil {
				r.Channel = channelByID(v.Chans, *o.ChannelID)
			}
		}
		r.Tags = followTags(l.Follows, tags)
		rows[i] = r
	}
	return rows, nil
}

// ownerFollow is the owner's relation with the customer, or else their
// first current one.
func ownerFollow(l app.CustomerListing) *app.Follow {
	for i, f := range l.Follows {
		if l.Owner != nil && f.UserID == l.Owner.UserID {
			return &l.Follows[i]
		}
	}
	if len(l.Follows) > 0 {
		return &l.Follows[0]
	}
	return nil
}

// personName is a member's display name, or a neutral word: never the
// userid in front of people.
func personName(people map[string]string, userID string) string {
	if userID == "" {
		return ""
	}
	if n := people[userID]; n != "" {
		return n
	}
	return "未登记姓名的成员"
}

func tagNames(groups []app.TagGroup) map[string]string {
	out := map[string]string{}
	for _, g := range groups {
		for _, t := range g.Tags {
			out[t.TagID] = t.Name
		}
	}
	return out
}

// followTags names the tags of every relation once.
func followTags(fs []app.Follow, names map[string]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range fs {
		for _, id := range f.TagIDs {
			if n := names[id]; n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

func channelByID(cs []app.Channel, id int64) string {
	for _, c := range cs {
		if c.ID == id {
			return c.Name
		}
	}
	return ""
}

func channelByState(cs []app.Channel, state string) string {
	for _, c := range cs {
		if state != "" && c.State == state {
			return c.Name
		}
	}
	return ""
}
