package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
)

func migrate(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"usage: siyu migrate up|down [--to N]|status"}
	}
	fs := flag.NewFlagSet("migrate "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.Int64("to", -1, "with down: roll back until the schema is at this version (0 = empty)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	d, err := db.Open(ctx, cfg.Database, newLogger(cfg.Log, stderr))
	if err != nil {
		return err
	}
	defer d.Close()
	m, err := d.Migrator()
	if err != nil {
		return err
	}
	switch args[0] {
	case "up":
		return migrateUp(ctx, m, stdout)
	case "down":
		return migrateDown(ctx, m, *to, stdout)
	case "status":
		return migrateStatus(ctx, m, stdout)
	}
	return usageError{fmt.Sprintf("unknown migrate command %q: want up, down or status", args[0])}
}

func migrateUp(ctx context.Context, m *db.Migrator, w io.Writer) error {
	results, err := m.Up(ctx)
	for _, r := range results {
		fmt.Fprintf(w, "applied %s (%s)\n", r.Source.Path, r.Duration)
	}
	if err != nil {
		return err
	}
	_, target, err := m.Versions(ctx)
	fmt.Fprintf(w, "schema at version %d\n", target)
	return err
}

func migrateDown(ctx context.Context, m *db.Migrator, to int64, w io.Writer) error {
	if to < 0 {
		r, err := m.Down(ctx)
		if r != nil {
			fmt.Fprintf(w, "rolled back %s\n", r.Source.Path)
		}
		return err
	}
	results, err := m.DownTo(ctx, to)
	for _, r := range results {
		fmt.Fprintf(w, "rolled back %s\n", r.Source.Path)
	}
	return err
}

func migrateStatus(ctx context.Context, m *db.Migrator, w io.Writer) error {
	statuses, err := m.Status(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tSTATE\tAPPLIED AT\tFILE")
	for _, s := range statuses {
		at := "-"
		if !s.AppliedAt.IsZero() {
			at = s.AppliedAt.UTC().Format("2006-01-02 15:04:05Z")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", s.Source.Version, s.State, at, s.Source.Path)
	}
	return tw.Flush()
}
