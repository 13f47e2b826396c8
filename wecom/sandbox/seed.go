package sandbox

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// demoStores are the demo's stores; each gets a manager and three guides.
func demoStores() []string { return []string{"徐汇店", "静安店", "浦东店", "杭州西湖店"} }

func demoSurnames() []rune {
	return []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
}

func demoGiven() []string {
	return []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"}
}

// demoTagGroups are the demo's tag groups, as a brand would set them up.
func demoTagGroups() []struct {
	name string
	tags []string
} {
	return []struct {
		name string
		tags []string
	}{
		{"客户等级", []string{"普通会员", "银卡", "金卡", "黑金"}},
		{"客户来源", []string{"门店扫码", "线上活动", "朋友推荐", "公众号"}},
		{"兴趣偏好", []string{"面包", "蛋糕", "咖啡", "礼盒"}},
	}
}

// SeedDemo fills the corp with a deterministic demo: four stores with a
// manager and three guides each (guide0101…guide0403, manager01…04) plus
// online01, 300 customers with follows, remarks and tags added over the
// past 90 days, three tag groups, a group and a 联系我 code per store. It
// produces no callbacks and expects an empty corp.
func (c *Corp) SeedDemo() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.st.memberIDs) > 0 || len(c.st.customerIDs) > 0 {
		return fmt.Errorf("sandbox: seed demo: corp %s is not empty", c.cfg.CorpID)
	}
	rnd := rand.New(rand.NewPCG(20260105, 1))
	guides := c.seedDemoMembers()
	tags, err := c.seedDemoTags()
	if err != nil {
		return fmt.Errorf("sandbox: seed demo: %w", err)
	}
	for i := range 300 {
		c.seedDemoCustomer(rnd, i, guides, tags)
	}
	c.seedDemoGroups(guides)
	c.seedDemoContactWays(guides)
	return nil
}

// seedDemoContactWays gives each store a 联系我 QR code for its guides,
// whose state ("store01"…) the demo follows carry.
func (c *Corp) seedDemoContactWays(guides []string) {
	for s, store := range demoStores() {
		cw := &ContactWay{ConfigID: c.newID("cw"), Type: 2, Scene: 2, Remark: store + "门店码",
			SkipVerify: true, State: fmt.Sprintf("store%02d", s+1), Users: guides[s*3 : s*3+3],
			CreateTime: c.Now().Add(-90 * 24 * time.Hour).Unix()}
		cw.QRCode = c.qrCodeURL("", cw.ConfigID)
		c.st.ext.contactWays[cw.ConfigID] = cw
		c.st.ext.contactWayIDs = append(c.st.ext.contactWayIDs, cw.ConfigID)
	}
}

func (c *Corp) seedDemoMembers() []string {
	var guides []string
	for s, store := range demoStores() {
		dept := 10 + s
		c.seedMember(Member{UserID: fmt.Sprintf("manager%02d", s+1), Name: store + "店长",
			Departments: []int{dept}, Store: store, ContactEnabled: true})
		for g := range 3 {
			id := fmt.Sprintf("guide%02d%02d", s+1, g+1)
			c.seedMember(Member{UserID: id, Name: fmt.Sprintf("%s导购%d", store, g+1),
				Departments: []int{dept}, Store: store, ContactEnabled: true})
			guides = append(guides, id)
		}
	}
	c.seedMember(Member{UserID: "online01", Name: "线上运营", Departments: []int{2}, Store: "", ContactEnabled: true})
	return guides
}

func (c *Corp) seedMember(m Member) {
	c.st.members[m.UserID] = &m
	c.st.memberIDs = append(c.st.memberIDs, m.UserID)
}

func (c *Corp) seedDemoTags() ([][]string, error) {
	var ids [][]string
	for i, tg := range demoTagGroups() {
		specs := make([]TagSpec, len(tg.tags))
		for j, name := range tg.tags {
			specs[j] = TagSpec{Name: name, Order: len(tg.tags) - j}
		}
		g, _, err := c.addTags("", tg.name, 100-i, specs)
		if err != nil {
			return nil, err
		}
		var group []string
		for _, t := range g.Tags {
			group = append(group, t.ID)
		}
		ids = append(ids, group)
	}
	return ids, nil
}

// seedDemoCustomer adds customer i, followed by one guide (every tenth by
// a second one too).
func (c *Corp) seedDemoCustomer(rnd *rand.Rand, i int, guides []string, tags [][]string) {
	sur, given := demoSurnames(), demoGiven()
	name := string(sur[rnd.IntN(len(sur))]) + given[rnd.IntN(len(given))]
	ext := c.putCustomer(Customer{Name: name, Gender: 1 + rnd.IntN(2)})
	added := c.Now().Add(-time.Duration(rnd.IntN(90*24)) * time.Hour).Unix()
	followers := []string{guides[i%len(guides)]}
	if i%10 == 0 {
		followers = append(followers, guides[(i+5)%len(guides)])
	}
	for _, u := range followers {
		var tagIDs []string
		for _, group := range tags {
			if rnd.IntN(3) > 0 {
				tagIDs = append(tagIDs, group[rnd.IntN(len(group))])
			}
		}
		c.st.putFollow(&Follow{UserID: u, ExternalUserID: ext, Remark: name, CreateTime: added,
			TagIDs: tagIDs, AddWay: 1, OperUserID: ext, State: "store" + u[5:7], Chatted: true})
	}
}

// seedDemoGroups gives each store a group with its guides and the
// customers of its first guide.
func (c *Corp) seedDemoGroups(guides []string) {
	for s, store := range demoStores() {
		owner := fmt.Sprintf("manager%02d", s+1)
		g := &Group{ChatID: c.newID("wr"), Name: store + "会员福利群", Owner: owner,
			Notice: "欢迎加入" + store + "会员群", CreateTime: c.Now().Add(-60 * 24 * time.Hour).Unix(),
			Admins: []string{guides[s*3]}}
		ids := append([]string{owner}, guides[s*3:s*3+3]...)
		ids = append(ids, c.st.followsOf[guides[s*3]]...)
		g.Members, _ = c.groupMembers(ids, Join{JoinScene: 1, Invitor: owner}, g.CreateTime)
		g.Members[0].Invitor = ""
		c.bumpVersion(g)
		c.st.groups[g.ChatID] = g
		c.st.groupIDs = append(c.st.groupIDs, g.ChatID)
	}
}
