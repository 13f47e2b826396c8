package sandbox

import (
	"fmt"
	"time"
)

// Bulk sizes a bulk seed.
type Bulk struct {
	// Members is how many members to spread the customers over (default
	// 100, named bulk0001…).
	Members int
	// Customers is how many customers to create, each followed by one
	// member in turn.
	Customers int
	// Tags, when set, creates a tag group of that many tags and gives each
	// follow one of them.
	Tags int
}

// SeedBulk creates many members, customers and follows at once for sync
// benchmarks (100,000 customers take well under a second); no callbacks.
// It returns the member userids.
func (c *Corp) SeedBulk(b Bulk) ([]string, error) {
	if b.Members <= 0 {
		b.Members = 100
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	tagIDs, err := c.bulkTags(b.Tags)
	if err != nil {
		return nil, fmt.Errorf("sandbox: seed bulk: %w", err)
	}
	users := make([]string, b.Members)
	for i := range users {
		users[i] = fmt.Sprintf("bulk%04d", len(c.st.memberIDs)+1)
		c.seedMember(Member{UserID: users[i], Name: "批量导购" + users[i][4:], Departments: []int{1}, ContactEnabled: true})
	}
	added := c.Now().Add(-24 * time.Hour).Unix()
	for i := range b.Customers {
		ext := c.putCustomer(Customer{Gender: i % 3})
		f := &Follow{UserID: users[i%len(users)], ExternalUserID: ext, CreateTime: added + int64(i%86400),
			AddWay: 1, OperUserID: ext}
		if len(tagIDs) > 0 {
			f.TagIDs = []string{tagIDs[i%len(tagIDs)]}
		}
		c.st.putFollow(f)
	}
	return users, nil
}

func (c *Corp) bulkTags(n int) ([]string, error) {
	if n <= 0 {
		return nil, nil
	}
	specs := make([]TagSpec, n)
	for i := range specs {
		specs[i] = TagSpec{Name: fmt.Sprintf("批量标签%d", i+1)}
	}
	_, created, err := c.addTags("", fmt.Sprintf("批量标签组%d", len(c.st.tagGroupIDs)+1), 0, specs)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(created))
	for i, t := range created {
		ids[i] = t.ID
	}
	return ids, nil
}
