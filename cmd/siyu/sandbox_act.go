package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/demo"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// sandboxAct fires one action: its parameters are flags named after the
// action's parameters, checked here first so a typo is a usage error.
// It then waits for the first delivery of the action's callbacks, so a
// callback Siyu refuses is an error and not a silent success.
func sandboxAct(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, actionsUsage())
		if len(args) > 0 && isHelp(args[0]) {
			return flag.ErrHelp
		}
		return usageError{"缺少动作名 (missing action name)"}
	}
	action, ok := findAction(args[0])
	if !ok {
		return usageError{fmt.Sprintf("未知动作 %q (unknown action)\n%s", args[0], actionsUsage())}
	}
	fs, target, values := actionFlags(action, stderr)
	if err := fs.Parse(args[1:]); err != nil {
		return flagError(err)
	}
	body, err := actionBody(action, fs, values)
	if err != nil {
		return err
	}
	c, err := target.client(cfg)
	if err != nil {
		return err
	}
	var out json.RawMessage
	if err := c.do(ctx, "POST", "/sandbox/corps/"+url.PathEscape(target.corp)+"/actions/"+action.Name, body, &out); err != nil {
		return err
	}
	if err := printJSON(stdout, out); err != nil {
		return err
	}
	return c.awaitCallbacks(ctx, target.corp, out, stderr)
}

// target is where act and show send their requests.
type target struct{ sandbox, corp string }

func (t *target) flags(fs *flag.FlagSet) {
	fs.StringVar(&t.sandbox, "sandbox", "", "sandbox URL (default: the running siyu's, from sandbox.url_file)")
	fs.StringVar(&t.corp, "corp", demo.DefaultCorpID, "corp id")
}

// flagError makes a bad flag a usage error (exit status 2); -h stays help.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err.Error()}
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

func findAction(name string) (sandbox.Action, bool) {
	for _, a := range sandbox.Actions() {
		if a.Name == name {
			return a, true
		}
	}
	return sandbox.Action{}, false
}

// flagName spells a parameter as a flag: external_userid → external-userid.
func flagName(p sandbox.Param) string { return strings.ReplaceAll(p.Name, "_", "-") }

// actionFlags defines one flag per parameter (booleans as switches).
func actionFlags(a sandbox.Action, stderr io.Writer) (*flag.FlagSet, *target, map[string]any) {
	fs := flag.NewFlagSet("sandbox act "+a.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	t := &target{}
	t.flags(fs)
	values := map[string]any{}
	for _, p := range a.Params {
		help := p.Help
		if p.Required {
			help += "（必填 required）"
		}
		if p.Kind == sandbox.ParamBool {
			values[p.Name] = fs.Bool(flagName(p), false, help)
			continue
		}
		values[p.Name] = fs.String(flagName(p), "", help+" ["+string(p.Kind)+"]")
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: siyu sandbox act %s [flags]\n  %s\n", a.Name, a.Help)
		fs.PrintDefaults()
	}
	return fs, t, values
}

// actionBody turns the flags given into the action's JSON parameters.
func actionBody(a sandbox.Action, fs *flag.FlagSet, values map[string]any) ([]byte, error) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	params := map[string]any{}
	for _, p := range a.Params {
		if !set[flagName(p)] {
			if p.Required {
				return nil, usageError{fmt.Sprintf("缺少 --%s (missing --%s): %s", flagName(p), flagName(p), p.Help)}
			}
			continue
		}
		v, err := paramValue(p, values[p.Name])
		if err != nil {
			return nil, err
		}
		params[p.Name] = v
	}
	return json.Marshal(params)
}

// paramValue converts one flag to its JSON value, refusing what the
// sandbox would refuse.
func paramValue(p sandbox.Param, v any) (any, error) {
	if b, ok := v.(*bool); ok {
		return *b, nil
	}
	s := *v.(*string)
	kind := map[sandbox.ParamKind][2]string{sandbox.ParamInt: {"整数", "an integer"}, sandbox.ParamDuration: {"时长（如 24h）", "a duration like 24h"},
		sandbox.ParamList: {"逗号分隔的列表", "a comma-separated list"}, sandbox.ParamString: {"非空字符串", "a non-empty string"}}[p.Kind]
	bad := usageError{fmt.Sprintf("--%s 的值 %q 不是%s (--%s wants %s)", flagName(p), s, kind[0], flagName(p), kind[1])}
	switch p.Kind {
	case sandbox.ParamInt:
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, bad
		}
		return n, nil
	case sandbox.ParamList:
		var items []string
		for _, it := range strings.Split(s, ",") {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			return nil, bad
		}
		return items, nil
	case sandbox.ParamDuration:
		if d, err := time.ParseDuration(s); err != nil || d <= 0 {
			return nil, bad
		}
	}
	if p.Required && strings.TrimSpace(s) == "" {
		return nil, bad
	}
	return s, nil
}

func actionsUsage() string {
	var b strings.Builder
	b.WriteString("usage: siyu sandbox act ACTION [--sandbox URL] [--corp ID] [flags]\n\nactions:\n")
	for _, a := range sandbox.Actions() {
		var ps []string
		for _, p := range a.Params {
			f := "--" + flagName(p)
			if !p.Required {
				f = "[" + f + "]"
			}
			ps = append(ps, f)
		}
		fmt.Fprintf(&b, "  %-26s %s\n  %-26s %s\n", a.Name, a.Help, "", strings.Join(ps, " "))
	}
	b.WriteString("\nsiyu sandbox act ACTION --help shows what each flag means.\n")
	return b.String()
}
