// Command siyu runs Siyu: `serve` (the default) runs the HTTP API, the task
// worker and the scheduler; `migrate` manages the schema; `version` prints
// the build. This package only parses flags and wires the pieces together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // corps name their zones; a host without a zone database must still read them

	"github.com/siyu-scrm/siyu/app/config"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, hooks{}))
}

// hooks lets tests add task handlers to a real process; main passes none.
type hooks struct {
	register func(*wiring)
}

const usage = `siyu — 私域运营工具 (private-domain operations for WeCom)

Usage:
  siyu [--config FILE] [command] [flags]

Commands:
  serve              run the API, task worker and scheduler (default)
  migrate up|down|status
                     apply, roll back or list schema migrations
  corp add|update|list
                     register a WeCom corp (secrets from SIYU_CORP_* env)
  wechat add|update|list --corp-id ID
                     register a corp's 公众号 (secrets from SIYU_WECHAT_* env)
  mini add|update|list --corp-id ID
                     register a corp's mini-program (secret from SIYU_MINI_SECRET)
  admin add|passwd|token --corp ID
                     console users (password from SIYU_ADMIN_PASSWORD)
                     and API tokens of a corp
  import stores|guides|members --corp ID FILE
                     import stores, guide bindings or members from CSV or xlsx
  stats rebuild --corp ID --from YYYY-MM-DD --to YYYY-MM-DD
                     recompute the dashboards' daily aggregates of a range
  sandbox [--addr A] [--callback URL] [--corp ID]
                     run the WeCom sandbox standalone with a demo corp
  sandbox act ACTION [flags]
                     fire a client-side action (customer adds a guide…) at
                     the running sandbox; list: siyu sandbox act --help
  sandbox show KIND  print the sandbox's members, customers, follows…
  seed dashboards --corp ID [--days 90] [--customers N] [--seed S]
                     generate a corp's test data for the dashboards (not in
                     production)
  version            print the version

The configuration is configs/default.yaml (embedded), then FILE (or
$SIYU_CONFIG), then SIYU_* environment variables. The embedded default
(SQLite, in-process Redis) also starts a sandbox demo corp ("demo"): see
/sandbox on the listening address, and the JSON API under /api/v1.
`

// run is main without the process exit, so tests drive the real binary's
// code path.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, h hooks) int {
	fs := flag.NewFlagSet("siyu", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	configPath := fs.String("config", os.Getenv("SIYU_CONFIG"), "YAML configuration file")
	if err := fs.Parse(args); err != nil {
		return exitCode(err)
	}
	args = fs.Args()
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	if cmd == "version" {
		fmt.Fprintln(stdout, "siyu", version)
		return 0
	}
	cfg, err := config.FromEnv(*configPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	switch cmd {
	case "serve":
		err = serve(ctx, cfg, args, stdout, stderr, h)
	case "migrate":
		err = migrate(ctx, cfg, args, stdout, stderr)
	case "corp":
		err = corpCmd(ctx, cfg, args, stdout, stderr)
	case "wechat":
		err = wechatCmd(ctx, cfg, args, stdout, stderr)
	case "mini":
		err = miniCmd(ctx, cfg, args, stdout, stderr)
	case "admin":
		err = adminCmd(ctx, cfg, args, stdout, stderr)
	case "import":
		err = importCmd(ctx, cfg, args, stdout, stderr)
	case "sandbox":
		err = sandboxCmd(ctx, cfg, args, stdout, stderr)
	case "stats":
		err = statsCmd(ctx, cfg, args, stdout, stderr)
	case "seed":
		err = seedCmd(ctx, cfg, args, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "siyu:", err)
		return exitCode(err)
	}
	return 0
}

func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	var r refusedError
	if errors.As(err, &r) {
		return 3
	}
	return 1
}

// usageError marks a mistake in the command line, exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
