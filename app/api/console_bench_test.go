package api_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/templates"
)

// consoleSurnames and consoleGiven make the benchmark's names: every
// surname begins 1% of the customers, as common surnames do in a corp.
var (
	consoleSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	consoleGiven    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红")
)

// BenchmarkConsoleCustomers measures the console's customer list on
// MariaDB holding 1,000,000 customers of a chain of 200 stores: names of
// 100 surnames, each customer followed and owned by one of 1,000 guides
// (five a store, so 5,000 customers a store) with one of 20 tags. 20
// operators are signed in at once and go through the real router
// (session, CSRF token, the list's filters, names of stores, guides,
// channels and tags, the template): "search" a name prefix (a surname, or
// a surname and a given character); "store+tag" one store's customers with
// one tag, pages 1–3 ("empty": a store's own tag asked of another store,
// nobody); "tag" the corp's customers with one tag. "paced" has each
// operator open a page every second (what people do), "saturated" back to
// back (the most this machine serves); "ceiling" is a bare Gin handler
// under both loads in the same run. Under CI the table holds 20,000
// customers and the runs are shorter.
func BenchmarkConsoleCustomers(top *testing.B) {
	customers, rounds := 1_000_000, 30
	if os.Getenv("CI") != "" {
		customers, rounds = 20_000, 5
	}
	const operators, every = 20, time.Second
	requests := operators * rounds
	for _, load := range []struct {
		name  string
		every time.Duration
	}{{"paced", every}, {"saturated", 0}} {
		top.Run("ceiling-"+load.name, func(b *testing.B) {
			gin.SetMode(gin.ReleaseMode)
			r := gin.New()
			r.GET("/console/customers", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
			for b.Loop() {
				pagesLoad(b, r, operators, requests, load.every, func(int) (string, string) { return "/console/customers", "" })
			}
		})
	}
	var h http.Handler
	var page func(kind string) func(int) (string, string)
	setup := func() {
		if h != nil {
			return
		}
		d := testkit.MigratedDB(top, config.DriverMySQL)
		corp, stores := seedConsole(top, d, customers)
		var cookie string
		h, cookie = consoleRouter(top, d, corp.ID)
		page = func(kind string) func(int) (string, string) {
			return func(i int) (string, string) { return consoleQuery(kind, i, stores), cookie }
		}
	}
	for _, kind := range []string{"search", "store+tag", "store+tag-empty", "tag"} {
		for _, load := range []struct {
			name  string
			every time.Duration
		}{{"paced", every}, {"saturated", 0}} {
			top.Run(kind+"-"+load.name, func(b *testing.B) {
				setup()
				for b.Loop() {
					pagesLoad(b, h, operators, requests, load.every, page(kind))
				}
			})
		}
	}
}

// consoleQuery is request i's list: a name search (a surname, or a
// surname and one given character) or a store's customers with one tag.
func consoleQuery(kind string, i int, stores []int64) string {
	if kind == "search" {
		q := string(consoleSurnames[(i*37)%len(consoleSurnames)])
		if i%2 == 1 {
			q += string(consoleGiven[(i*11)%len(consoleGiven)])
		}
		return "/console/customers?q=" + q
	}
	if kind == "tag" {
		return fmt.Sprintf("/console/customers?tag=bt%02d&page=%d", (i*7)%19, i%3+1)
	}
	if kind == "store+tag-empty" {
		return fmt.Sprintf("/console/customers?store=%d&tag=bt19", stores[1+i%(len(stores)-1)])
	}
	return fmt.Sprintf("/console/customers?store=%d&tag=bt%02d&page=%d", stores[i%len(stores)], (i*7)%19, i%3+1)
}

// consoleRouter is Siyu's router with the console on d, and the session
// cookie of an operator of corpID.
func consoleRouter(b *testing.B, d *db.DB, corpID int64) (http.Handler, string) {
	ctx := context.Background()
	g := root.New(d, testkit.OpenRedis(b, testkit.RedisConfig(b, config.RedisEmbedded)),
		root.Options{Log: testkit.Logger(b), Box: testkit.Box(b), Auth: auth.Options{BcryptCost: bcrypt.MinCost}})
	b.Cleanup(func() { g.Close() })
	require.NoError(b, g.Auth.CreateAdmin(ctx, &app.AdminUser{CorpID: corpID, Username: "bench", Role: app.RoleOperator}, consolePassword))
	in, err := g.Auth.Login(ctx, corpID, "bench", consolePassword)
	require.NoError(b, err)
	pages, err := templates.Parse()
	require.NoError(b, err)
	return api.New(g.API(api.Deps{Log: testkit.Logger(b), Metrics: metrics.New(), Pages: pages})), api.ConsoleCookie + "=" + in.Token
}

// consoleGuides is the benchmark chain's guides, five a store.
const consoleGuides = 1000

// seedConsole writes customers customers of a new corp in multi-row
// INSERTs: customer n followed and owned by guide n mod 1,000 (five a
// store), named by surname n mod 100, with one tag (consoleTag).
func seedConsole(b *testing.B, d *db.DB, customers int) (*app.Corp, []int64) {
	corp, stores := seedGuides(b, d, consoleGuides)
	now := time.Now().UTC().Format("2006-01-02 15:04:05")
	rows := func(table, cols string, row func(n int) string) { insertRows(b, d, customers, table, cols, row) }
	rows("customers", "corp_id, external_userid, name, type, created_at, updated_at", func(n int) string {
		name := string(consoleSurnames[n%100]) + string(consoleGiven[(n/100)%len(consoleGiven)]) + string(consoleGiven[(n/3000)%len(consoleGiven)])
		return fmt.Sprintf("(%d,'wmc%07d','%s',1,'%s','%s')", corp.ID, n, name, now, now)
	})
	rows("follows", "corp_id, userid, external_userid, remark, add_time, state, created_at, updated_at", func(n int) string {
		return fmt.Sprintf("(%d,'cg%04d','wmc%07d','备注%d','%s','c1','%s','%s')", corp.ID, n%consoleGuides, n, n, now, now, now)
	})
	rows("follow_tags", "corp_id, userid, external_userid, tag_id", func(n int) string {
		return fmt.Sprintf("(%d,'cg%04d','wmc%07d','bt%02d')", corp.ID, n%consoleGuides, n, consoleTag(n))
	})
	rows("customer_owners", "corp_id, scope, external_userid, userid, store_id, status, assigned_at, updated_at", func(n int) string {
		return fmt.Sprintf("(%d,0,'wmc%07d','cg%04d',%d,'assigned','%s','%s')", corp.ID, n, n%consoleGuides, stores[(n%consoleGuides)/5], now, now)
	})
	_, err := d.SQL().Exec("ANALYZE TABLE customers, follows, follow_tags, customer_owners")
	require.NoError(b, err)
	return corp, stores
}

// consoleTag is customer n's tag: one of bt00–bt18 whatever their store
// or how recent they are, and bt19 only in the first store, as a store's
// own tag is; a list of another store with bt19 finds nobody.
func consoleTag(n int) int {
	t := (n + n/consoleGuides) % 20
	if t == 19 && (n%consoleGuides)/5 != 0 {
		return 18
	}
	return t
}

// seedGuides makes a corp with guides guides, five a store, and its tag
// library of 20 tags.
func seedGuides(b *testing.B, d *db.DB, guides int) (*app.Corp, []int64) {
	ctx := context.Background()
	corp := &app.Corp{CorpID: testkit.RandomName("wwc"), Name: "百万客户控制台", Timezone: "Asia/Shanghai"}
	require.NoError(b, db.NewCorpStore(d, testkit.Box(b)).CreateCorp(ctx, corp))
	org := db.NewOrgStore(d)
	stores := make([]int64, guides/5)
	for i := range stores {
		st := &app.Store{CorpID: corp.ID, Code: fmt.Sprintf("C%03d", i), Name: fmt.Sprintf("门店%03d", i), Kind: app.StoreKindStore, Status: app.StoreOpen}
		require.NoError(b, org.CreateStore(ctx, st))
		stores[i] = st.ID
	}
	for g := range guides {
		require.NoError(b, org.CreateGuide(ctx, &app.Guide{CorpID: corp.ID, UserID: fmt.Sprintf("cg%04d", g), Name: fmt.Sprintf("导购%04d", g),
			StoreID: stores[g/5], Role: app.GuideRoleGuide, Status: app.GuideActive}))
	}
	now := time.Now().UTC().Format("2006-01-02 15:04:05")
	_, err := d.SQL().Exec(fmt.Sprintf("INSERT INTO corp_tag_groups (corp_id, group_id, name, created_at, updated_at) VALUES (%d,'bg','会员等级','%s','%s')", corp.ID, now, now))
	require.NoError(b, err)
	insertRows(b, d, 20, "corp_tags", "corp_id, tag_id, group_id, name, created_at, updated_at", func(n int) string {
		return fmt.Sprintf("(%d,'bt%02d','bg','标签%02d','%s','%s')", corp.ID, n, n, now, now)
	})
	return corp, stores
}

// insertRows writes n rows, 5,000 an INSERT.
func insertRows(b *testing.B, d *db.DB, n int, table, cols string, row func(n int) string) {
	for from := 0; from < n; from += 5000 {
		var sb strings.Builder
		for i := from; i < min(from+5000, n); i++ {
			if i > from {
				sb.WriteByte(',')
			}
			sb.WriteString(row(i))
		}
		_, err := d.SQL().Exec("INSERT INTO " + table + " (" + cols + ") VALUES " + sb.String())
		require.NoError(b, err)
	}
}
