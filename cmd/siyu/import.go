package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

const importUsage = `usage:
  siyu import stores --corp CORP_ID [--report REPORT.csv] FILE
  siyu import guides --corp CORP_ID [--report REPORT.csv] FILE
  siyu import members --corp CORP_ID [--report REPORT.csv] FILE

FILE is .csv (UTF-8 or GBK) or .xlsx, with a header row in Chinese or
English (门店编码/code, 门店名称/name…; 成员账号/userid, 门店编码/store_code,
角色/role; 会员号/member_no, 姓名/name, 手机号/phone…). Stores are upserted
by code, guides by userid, members by member number (or another key they
hold): importing a file again changes nothing. Bad rows are listed (row, column, reason) and
rejected, good rows kept; the exit status is 1 when any row was rejected.`

// importCmd imports stores, guide bindings or members from a file.
func importCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "stores" && args[0] != "guides" && args[0] != "members") {
		return usageError{importUsage}
	}
	fs := flag.NewFlagSet("import "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	corp := fs.String("corp", "", "WeCom corp id (企业ID)")
	reportPath := fs.String("report", "", "also write the rejected rows to this CSV file")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *corp == "" || fs.NArg() != 1 {
		return usageError{importUsage}
	}
	rep, err := runImport(ctx, cfg, args[0], *corp, fs.Arg(0), stderr)
	if err != nil {
		return err
	}
	return printReport(rep, *reportPath, stdout)
}

func runImport(ctx context.Context, cfg *config.Config, kind, corpID, path string, stderr io.Writer) (*app.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("无法打开文件：%w", err)
	}
	defer f.Close()
	o, err := openStores(ctx, cfg, stderr)
	if err != nil {
		return nil, err
	}
	defer o.close()
	c, err := o.corps.FindCorpByCorpID(ctx, corpID)
	if err != nil {
		return nil, err
	}
	ctx, name := app.WithActor(ctx, "cli:import"), filepath.Base(path)
	switch kind {
	case "guides":
		return o.core.Org.ImportGuides(ctx, c.ID, name, f)
	case "members":
		return o.core.Member.Import(ctx, c.ID, name, f)
	}
	return o.core.Org.ImportStores(ctx, c.ID, name, f)
}

// printReport prints the summary and each rejected cell, writes the CSV
// report when asked, and fails when any row was rejected.
func printReport(rep *app.ImportReport, reportPath string, out io.Writer) error {
	fmt.Fprintln(out, rep.Summary())
	for _, e := range rep.Errors {
		fmt.Fprintf(out, "  第 %d 行 %s：%s\n", e.Row, e.Column, e.Reason)
	}
	if reportPath != "" {
		f, err := os.Create(reportPath)
		if err != nil {
			return fmt.Errorf("无法写入报告：%w", err)
		}
		if err := rep.WriteCSV(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	if rep.Rejected > 0 {
		return fmt.Errorf("%d 行被拒绝，其余已导入 (%d rows rejected, the rest imported)", rep.Rejected, rep.Rejected)
	}
	return nil
}
