package db_test

import (
	"context"
	"database/sql"
	"net"
	"strconv"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// These tests need the Galera cluster (scripts/lib/galera.sh) and skip
// without it. Each opens one database on it through all three nodes
// (spread) or one (on), and makes a conflict or a refusal happen at a
// known point, so what InTx does about it is certain, not a race.

// on opens cfg through node i alone.
func on(t *testing.T, cfg config.Database, i int) *db.DB {
	cfg.Nodes = cfg.Nodes[i : i+1]
	return testkit.OpenDB(t, cfg)
}

// port is the SQL port of the node the session of ctx is on.
func port(t *testing.T, ctx context.Context, d *db.DB) int {
	var p int
	require.NoError(t, d.Session(ctx).Raw("SELECT @@port").Scan(&p).Error)
	return p
}

// open opens a node's DSN itself, outside Siyu's connections.
func open(t *testing.T, dsn string) *sql.DB {
	a, err := sql.Open("mysql", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { a.Close() })
	return a
}

// A transaction that loses certification to one committed on another node
// meanwhile gets a deadlock error at commit, and InTx runs it again, now
// seeing the other's write: both increments count.
func TestGaleraCertificationFailureIsRerun(t *testing.T) {
	cfg := testkit.MigratedGaleraConfig(t)
	one, two := on(t, cfg, 0), on(t, cfg, 1)
	ctx := context.Background()
	require.NoError(t, one.Session(ctx).Exec("CREATE TABLE galera_counter (id INT PRIMARY KEY, n INT NOT NULL)").Error)
	require.NoError(t, one.Session(ctx).Exec("INSERT INTO galera_counter VALUES (1, 0)").Error)
	runs := 0
	err := one.InTx(ctx, func(ctx context.Context) error {
		runs++
		if err := one.Session(ctx).Exec("UPDATE galera_counter SET n = n + 1 WHERE id = 1").Error; err != nil || runs > 1 {
			return err
		}
		// Node 2 knows nothing of node 1's row lock: its update commits.
		return two.Session(context.Background()).Exec("UPDATE galera_counter SET n = n + 10 WHERE id = 1").Error
	})
	require.NoError(t, err)
	assert.Equal(t, 2, runs, "the first run lost certification and was run again")
	var n int
	require.NoError(t, two.Session(ctx).Raw("SELECT n FROM galera_counter WHERE id = 1").Scan(&n).Error)
	assert.Equal(t, 11, n)
}

// TestGaleraDrainedNode drains a node (wsrep_reject_queries, as an
// operator does before maintenance) on a cluster of its own: drained, a
// node of the shared cluster would refuse the statements of the suites
// running beside this one.
func TestGaleraDrainedNode(t *testing.T) {
	g := testkit.StartGalera(t)
	t.Run("RefusedStatementIsRerun", func(t *testing.T) { refusedStatementIsRerun(t, g) })
	t.Run("ConnectionsSpreadOverReadyNodes", func(t *testing.T) { connectionsSpreadOverReadyNodes(t, g) })
}

// A node that stops serving in the middle of a transaction (drained, or
// out of the primary component) refuses the next statement with 1047;
// InTx runs the transaction again, on a connection to another node.
func refusedStatementIsRerun(t *testing.T, g *testkit.Galera) {
	d := testkit.OpenDB(t, g.MigratedConfig(t))
	ctx := context.Background()
	require.NoError(t, d.Session(ctx).Exec("CREATE TABLE galera_rows (id INT PRIMARY KEY)").Error)
	var ports []int
	err := d.InTx(ctx, func(ctx context.Context) error {
		ports = append(ports, port(t, ctx, d))
		if len(ports) == 1 {
			drain(t, g, ports[0])
		}
		return d.Session(ctx).Exec("INSERT INTO galera_rows VALUES (1)").Error
	})
	require.NoError(t, err)
	require.Len(t, ports, 2, "run again after the refusal")
	assert.NotEqual(t, ports[0], ports[1], "on another node")
	var n int
	require.NoError(t, d.Session(ctx).Raw("SELECT COUNT(*) FROM galera_rows").Scan(&n).Error)
	assert.Equal(t, 1, n)
}

// drain makes the node of g on port refuse queries until t ends.
func drain(t *testing.T, g *testkit.Galera, port int) {
	for _, dsn := range g.DSNs() {
		c, err := mysql.ParseDSN(dsn)
		require.NoError(t, err)
		if c.Addr != "127.0.0.1:"+strconv.Itoa(port) {
			continue
		}
		a := open(t, dsn)
		_, err = a.Exec("SET GLOBAL wsrep_reject_queries = ALL")
		require.NoError(t, err)
		t.Cleanup(func() { _, _ = a.Exec("SET GLOBAL wsrep_reject_queries = NONE") })
		return
	}
	t.Fatalf("no node on port %d", port)
}

// Connections go to every node in turn, and past a drained one.
func connectionsSpreadOverReadyNodes(t *testing.T, g *testkit.Galera) {
	cfg := g.MigratedConfig(t)
	ctx := context.Background()
	held := func(d *db.DB) map[int]bool {
		seen := map[int]bool{}
		for range 3 {
			c, err := d.SQL().Conn(ctx)
			require.NoError(t, err)
			defer c.Close()
			var p int
			require.NoError(t, c.QueryRowContext(ctx, "SELECT @@port").Scan(&p))
			seen[p] = true
		}
		return seen
	}
	seen := held(testkit.OpenDB(t, cfg))
	require.Len(t, seen, 3, "one connection on each node")
	var drained int
	for p := range seen {
		drained = p
	}
	drain(t, g, drained)
	seen = held(testkit.OpenDB(t, cfg))
	assert.NotContains(t, seen, drained)
	assert.NotEmpty(t, seen)
}

// Two transactions on two nodes take the same lock: the sale whose
// refunds they sum, the corp whose owners they decide. A FOR UPDATE read
// (or an upsert that changes nothing) alone would let both go on, each
// node locking only its own copy of the row, and certification would not
// mind, as they write different rows; the cluster lock makes them write
// one, and the later is run again, after the other.
func TestGaleraRowLocksHoldAcrossNodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		lock func(ctx context.Context, d *db.DB) error
	}{
		{"Sales", func(ctx context.Context, d *db.DB) error {
			_, err := db.NewOrderStore(d).LockSales(ctx, 1, []int64{42})
			return err
		}},
		{"AssignCorp", func(ctx context.Context, d *db.DB) error { return db.NewAssignStore(d).LockCorp(ctx, 1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testkit.MigratedGaleraConfig(t)
			one, two := on(t, cfg, 0), on(t, cfg, 1)
			ctx := context.Background()
			require.NoError(t, one.Session(ctx).Exec("CREATE TABLE galera_marks (who VARCHAR(8) PRIMARY KEY)").Error)
			lockAndMark := func(ctx context.Context, d *db.DB, who string) error {
				if err := tc.lock(ctx, d); err != nil {
					return err
				}
				return d.Session(ctx).Exec("INSERT INTO galera_marks VALUES (?)", who).Error
			}
			require.NoError(t, lockAndMark(ctx, two, "first")) // the lock's row exists before either takes it
			runs := 0
			err := one.InTx(ctx, func(ctx context.Context) error {
				runs++
				if runs == 1 { // node 2 takes the lock too once node 1 holds it
					if err := tc.lock(ctx, one); err != nil {
						return err
					}
					require.NoError(t, two.InTx(context.Background(), func(ctx context.Context) error { return lockAndMark(ctx, two, "two") }))
					return one.Session(ctx).Exec("INSERT INTO galera_marks VALUES ('one')").Error
				}
				return lockAndMark(ctx, one, "one")
			})
			require.NoError(t, err)
			assert.Equal(t, 2, runs, "the transaction on node 1 ran again after node 2's")
		})
	}
}

// Galera's AUTO_INCREMENT steps by the node count from a per-node offset,
// so a batch insert's ids are not consecutive: the ids a batch insert
// fills in (gorm reads them back with INSERT … RETURNING on MariaDB) are
// the ones stored, on every node.
func TestGaleraBatchInsertIDs(t *testing.T) {
	cfg := testkit.MigratedGaleraConfig(t)
	d := on(t, cfg, 1)
	ctx := context.Background()
	corp := newCorp(t, d, "ww_galera_ids")
	members := db.NewMemberStore(d)
	m := &app.Member{CorpID: corp.ID, Status: app.MemberActive}
	require.NoError(t, members.CreateMember(ctx, m))
	keys := []app.MemberIdentity{{CorpID: corp.ID, MemberID: m.ID, Kind: app.KeyMemberNo, Value: "A1"},
		{CorpID: corp.ID, MemberID: m.ID, Kind: app.KeyPhone, Value: "P1"}, {CorpID: corp.ID, MemberID: m.ID, Kind: app.KeyUnionID, Value: "U1"}}
	require.NoError(t, members.AddIdentities(ctx, keys))
	stored, err := db.NewMemberStore(on(t, cfg, 2)).IdentitiesOf(ctx, corp.ID, m.ID)
	require.NoError(t, err)
	want := map[string]int64{}
	for _, k := range stored {
		want[k.Value] = k.ID
	}
	for _, k := range keys {
		assert.Equal(t, want[k.Value], k.ID, k.Value)
	}
	assert.NotEqual(t, keys[0].ID+1, keys[1].ID, "ids step by the node count")
}

// A node out of the cluster is named by Ping as app.Degraded, which
// /readyz shows without taking the instance out of rotation: the other
// nodes take every write. Here the node out is an address nothing
// listens on, so the shared cluster is left alone.
func TestGaleraPingNamesANodeOut(t *testing.T) {
	cfg := testkit.MigratedGaleraConfig(t)
	ctx := context.Background()
	require.NoError(t, testkit.OpenDB(t, cfg).Ping(ctx), "every node serving")

	out := closedAddr(t)
	cfg.Nodes = append(cfg.Nodes[:2:2], out)
	err := testkit.OpenDB(t, cfg).Ping(ctx)
	require.ErrorAs(t, err, new(app.Degraded), "two of three nodes serve")
	assert.ErrorContains(t, err, out, "the node out is named")
	for _, up := range cfg.Nodes[:2] {
		assert.NotContains(t, err.Error(), up)
	}
}

// closedAddr is a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}
