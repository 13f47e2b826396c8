package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/siyu-scrm/siyu/app/config"
)

const statsUsage = `usage:
  siyu stats rebuild --corp CORP_ID --from YYYY-MM-DD --to YYYY-MM-DD

Recomputes the dashboards' daily aggregates of a corp for every day from
--from to --to (inclusive, days in the corp's time zone), printing its
progress. Each day is replaced whole, so a rebuild can be run again, or
beside the scheduled recomputes. The asset snapshot (RFM classes) is
written for today and yesterday only: a past day's is kept as it was.`

// statsCmd rebuilds a range of a corp's daily aggregates.
func statsCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "rebuild" {
		return usageError{statsUsage}
	}
	fs := flag.NewFlagSet("stats rebuild", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corp := fs.String("corp", "", "WeCom corp id (企业ID)")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *corp == "" || *from == "" || *to == "" || fs.NArg() != 0 {
		return usageError{statsUsage}
	}
	o, err := openStores(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer o.close()
	c, err := o.corps.FindCorpByCorpID(ctx, *corp)
	if err != nil {
		return err
	}
	start := time.Now()
	progress := func(done, total int) {
		fmt.Fprintf(stdout, "已重算 %d/%d 天\n", done, total)
	}
	if err := o.core.Stats.Rebuild(ctx, c.ID, *from, *to, progress); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s 的 %s 至 %s 日报已重算（%s）\n", c.Name, *from, *to, time.Since(start).Round(time.Millisecond))
	return nil
}
