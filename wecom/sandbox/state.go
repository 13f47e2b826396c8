package sandbox

// followKey identifies a follow relation.
type followKey struct{ userID, externalUserID string }

// state is one corp's data. Slices of ids keep insertion order, which is the
// order WeCom lists things in; every access holds Corp.mu.
type state struct {
	seq    int64 // id counter
	events int64 // event counter

	members   map[string]*Member
	memberIDs []string

	customers   map[string]*Customer
	customerIDs []string

	follows     map[followKey]*Follow
	followsOf   map[string][]string // userid → external ids
	followersOf map[string][]string // external id → userids

	groups   map[string]*Group
	groupIDs []string

	tagGroups   map[string]*TagGroup
	tagGroupIDs []string
	groupOfTag  map[string]string // tag id → group id

	ext  extState
	mini miniState
}

func newState() *state {
	return &state{
		members:     map[string]*Member{},
		customers:   map[string]*Customer{},
		follows:     map[followKey]*Follow{},
		followsOf:   map[string][]string{},
		followersOf: map[string][]string{},
		groups:      map[string]*Group{},
		tagGroups:   map[string]*TagGroup{},
		groupOfTag:  map[string]string{},
		ext:         newExtState(),
		mini:        newMiniState(),
	}
}

func (st *state) follow(userID, externalUserID string) *Follow {
	return st.follows[followKey{userID, externalUserID}]
}

// putFollow inserts or replaces a follow, keeping the indexes in step.
func (st *state) putFollow(f *Follow) {
	k := followKey{f.UserID, f.ExternalUserID}
	if _, ok := st.follows[k]; !ok {
		st.followsOf[f.UserID] = append(st.followsOf[f.UserID], f.ExternalUserID)
		st.followersOf[f.ExternalUserID] = append(st.followersOf[f.ExternalUserID], f.UserID)
	}
	st.follows[k] = f
}

func (st *state) removeFollow(userID, externalUserID string) bool {
	k := followKey{userID, externalUserID}
	if _, ok := st.follows[k]; !ok {
		return false
	}
	delete(st.follows, k)
	st.followsOf[userID] = without(st.followsOf[userID], externalUserID)
	st.followersOf[externalUserID] = without(st.followersOf[externalUserID], userID)
	return true
}

func (st *state) putCustomer(cu *Customer) {
	if _, ok := st.customers[cu.ExternalUserID]; !ok {
		st.customerIDs = append(st.customerIDs, cu.ExternalUserID)
	}
	st.customers[cu.ExternalUserID] = cu
}

// tag finds a live tag and its group.
func (st *state) tag(id string) (*TagGroup, int) {
	g := st.tagGroups[st.groupOfTag[id]]
	if g == nil {
		return nil, -1
	}
	for i := range g.Tags {
		if g.Tags[i].ID == id {
			return g, i
		}
	}
	return nil, -1
}

func (st *state) tagCount() int { return len(st.groupOfTag) }

// without returns list minus the first occurrence of v, reusing list.
func without(list []string, v string) []string {
	for i, x := range list {
		if x == v {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
