package seed

import (
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// org is the corp's organisation the customers are spread over.
type org struct {
	brands []int64
	stores []store // the physical stores, then the online team
	guides []guide // every guide; customers draw from them
	hq     guide   // a member of staff who is no guide (store 0)
	camps  []channel
}

// store is a store and its channel.
type store struct {
	id      int64
	online  bool
	channel channel
	guides  []int // indexes in org.guides
}

// guide is a userid with its store (0 for hq); idx numbers it among the
// guides (hq last) for the per-guide draws.
type guide struct {
	userid string
	store  int64
	online bool
	idx    int
}

// channel is a channel (渠道活码) and its state.
type channel struct {
	id    int64
	state string
}

// Sizes of the organisation.
const (
	guidesPerStore  = 8
	onlineGuides    = 6
	customersPerStr = 5000
	campChannels    = 4
)

// storeCount is how many physical stores N customers are spread over.
func storeCount(customers int) int { return min(max(customers/customersPerStr, 3), 400) }

// planOrg lays out the organisation, reusing any row of it the corp
// already has (by name, code, userid or state) and writing the others.
func (w *world) planOrg(e *emit, have func(table, key string) (map[string]int64, int64, error)) error {
	brands, next, err := have("brands", "name")
	if err != nil {
		return err
	}
	for _, name := range []string{"品牌甲", "品牌乙", "品牌丙"} {
		id, ok := brands[name]
		if !ok {
			id, next = next, next+1
			e.row(tBrands, id, w.corp, name, true, w.now, w.now)
		}
		w.org.brands = append(w.org.brands, id)
	}
	if err := w.planStores(e, have); err != nil {
		return err
	}
	if err := w.planGuides(e, have); err != nil {
		return err
	}
	return w.planChannels(e, have)
}

func (w *world) planStores(e *emit, have func(table, key string) (map[string]int64, int64, error)) error {
	ids, next, err := have("stores", "code")
	if err != nil {
		return err
	}
	n := storeCount(w.o.Customers)
	for s := 0; s <= n; s++ {
		code, name, kind, brand := fmt.Sprintf("SD%03d", s+1), fmt.Sprintf("门店%03d", s+1), app.StoreKindStore, any(w.org.brands[s%3])
		if s == n-1 {
			brand = nil // a store of no brand: in the corp's figures, in no brand's
		}
		if s == n {
			code, name, kind, brand = "SDONLINE", "线上商城", app.StoreKindOnline, w.org.brands[0]
		}
		id, ok := ids[code]
		if !ok {
			id, next = next, next+1
			e.row(tStores, id, w.corp, code, name, kind, brand, cities[s%len(cities)], app.StoreOpen, w.now, w.now)
		}
		w.org.stores = append(w.org.stores, store{id: id, online: s == n})
	}
	return nil
}

func (w *world) planGuides(e *emit, have func(table, key string) (map[string]int64, int64, error)) error {
	ids, next, err := have("guides", "userid")
	if err != nil {
		return err
	}
	for s := range w.org.stores {
		st := &w.org.stores[s]
		n := guidesPerStore
		if st.online {
			n = onlineGuides
		}
		for k := range n {
			g := guide{userid: fmt.Sprintf("sdg%03d%d", s+1, k), store: st.id, online: st.online, idx: len(w.org.guides)}
			if _, ok := ids[g.userid]; !ok {
				role, status := app.GuideRoleGuide, app.GuideActive
				if k == 0 {
					role = app.GuideRoleManager
				}
				if s == 0 && k == n-1 {
					status = app.GuideLeft // left, still bound: their history stays theirs
				}
				e.row(tGuides, next, w.corp, g.userid, fmt.Sprintf("导购%03d-%d", s+1, k), st.id, role, status, w.now, w.now)
				next++
			}
			st.guides = append(st.guides, g.idx)
			w.org.guides = append(w.org.guides, g)
		}
	}
	w.org.hq = guide{userid: "sdhq01", idx: len(w.org.guides)}
	staff, _, err := have("staff", "userid")
	if _, ok := staff[w.org.hq.userid]; !ok && err == nil {
		e.row(tStaff, w.corp, w.org.hq.userid, "总部运营", true, w.now, w.now)
	}
	return err
}

func (w *world) planChannels(e *emit, have func(table, key string) (map[string]int64, int64, error)) error {
	ids, next, err := have("channels", "state")
	if err != nil {
		return err
	}
	add := func(state, name, kind string, storeID int64) channel {
		id, ok := ids[state]
		if !ok {
			id, next = next, next+1
			e.row(tChannels, id, w.corp, state, name, kind, null(storeID), "cfg"+state, "{}", "[]", app.ChannelActive, w.now, w.now)
		}
		return channel{id: id, state: state}
	}
	for s := range w.org.stores {
		st := &w.org.stores[s]
		if st.online {
			st.channel = add("sdonline", "线上引流码", app.ChannelOnline, st.id)
		} else {
			st.channel = add(fmt.Sprintf("sdst%03d", s+1), fmt.Sprintf("门店%03d 活码", s+1), app.ChannelStore, st.id)
		}
	}
	for k := range campChannels {
		w.org.camps = append(w.org.camps, add(fmt.Sprintf("sdcamp%d", k+1), fmt.Sprintf("活动码%d", k+1), app.ChannelCampaign, 0))
	}
	return nil
}
