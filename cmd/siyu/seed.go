package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"text/tabwriter"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/seed"
)

const seedUsage = `usage:
  siyu seed dashboards --corp CORP_ID [--days 90] [--customers 10000] [--seed 1]
                       [--end YYYY-MM-DD] [--workers N]

Generates a corp's data for trying out and measuring the dashboards: stores
in three brands (5,000 customers a store, 3 to 400 stores, and an online
team), 8 guides a store, channels, and for each customer over the days
ending with --end (default yesterday, in the corp's zone): follows, some
ended (and some re-added), about 10 touches, welcomes, members linked by
unionid with orders, refunds and their credits under the rules of record
(and the version before), guide tasks, mass sends with a 10% holdout,
group SOP fires, referral helps, RFM rows, WeCom's chat figures (when the
table exists) and owners. The same --seed gives the same data; a corp can
hold several seeds, never the same one twice. The corp is created when
missing. A fixture tool: it writes tables directly and is refused when
env is production.`

// seedCmd generates fixture data (test, demo and benchmark use only).
func seedCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "dashboards" {
		return usageError{seedUsage}
	}
	if cfg.Env == config.EnvProduction {
		return refusedError{"siyu seed 只用于测试和演示，生产环境（env: production）拒绝执行"}
	}
	fs := flag.NewFlagSet("seed dashboards", flag.ContinueOnError)
	fs.SetOutput(stderr)
	code := fs.String("corp", "", "WeCom corp id (企业ID); created when missing")
	o := seed.Options{}
	fs.IntVar(&o.Days, "days", 90, "days of history")
	fs.IntVar(&o.Customers, "customers", 10000, "customers to generate")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed (also part of every generated key)")
	fs.StringVar(&o.End, "end", "", "last day generated, YYYY-MM-DD in the corp's zone (default yesterday)")
	fs.IntVar(&o.Workers, "workers", runtime.NumCPU()+1, "parallel writers (MySQL only)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *code == "" {
		return usageError{seedUsage}
	}
	return runSeed(ctx, cfg, *code, o, stdout, stderr)
}

func runSeed(ctx context.Context, cfg *config.Config, code string, o seed.Options, stdout, stderr io.Writer) error {
	st, err := openStores(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer st.close()
	corp, err := st.corps.FindCorpByCorpID(ctx, code)
	if app.ErrorCode(err) == app.ENOTFOUND {
		corp = &app.Corp{CorpID: code, Name: "种子数据 " + code, Timezone: "Asia/Shanghai"}
		err = st.corps.CreateCorp(ctx, corp)
	}
	if err != nil {
		return err
	}
	o.CorpID, o.Zone = corp.ID, app.ZoneNamed(corp.Timezone)
	if cfg.Database.Driver == config.DriverSQLite {
		o.Workers = 1
	}
	o.Progress = func(done, total int) {
		if done*20/total > (done-seed.ChunkSize)*20/total { // about every 5%
			fmt.Fprintf(stderr, "seed: %d / %d customers\n", done, total)
		}
	}
	rep, err := seed.Run(ctx, db.NewSeedStore(st.db), o)
	if err != nil {
		var e *app.Error
		if errors.As(err, &e) {
			return refusedError{app.ErrorMessage(err)}
		}
		return err
	}
	return printSeed(stdout, corp, rep)
}

// printSeed prints the rows written per table and the time taken.
func printSeed(w io.Writer, corp *app.Corp, rep *seed.Report) error {
	fmt.Fprintf(w, "corp %s (id %d): %s … %s, %s\n", corp.CorpID, corp.ID, rep.From, rep.To, rep.Elapsed.Round(1e7))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	var names []string
	for k := range rep.Rows {
		names = append(names, k)
	}
	slices.Sort(names)
	var total int64
	for _, k := range names {
		fmt.Fprintf(tw, "%s\t%d\t\n", k, rep.Rows[k])
		total += rep.Rows[k]
	}
	fmt.Fprintf(tw, "total\t%d\t\n", total)
	return tw.Flush()
}
