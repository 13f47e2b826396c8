package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// controlClient calls a sandbox's control API.
type controlClient struct {
	base string
	http *http.Client
}

// client resolves the sandbox: --sandbox, else the URL the running siyu
// wrote to sandbox.url_file.
func (t *target) client(cfg *config.Config) (*controlClient, error) {
	base := t.sandbox
	if base == "" {
		raw, err := os.ReadFile(cfg.Sandbox.URLFile)
		if cfg.Sandbox.URLFile == "" || err != nil {
			return nil, fmt.Errorf("找不到运行中的沙箱 (no running sandbox found): 读不到 %q；先运行 `siyu`（sandbox.demo: true）或 `siyu sandbox`，或用 --sandbox URL",
				cfg.Sandbox.URLFile)
		}
		base = strings.TrimSpace(string(raw))
	}
	return &controlClient{base: strings.TrimRight(base, "/"), http: &http.Client{Timeout: 15 * time.Second}}, nil
}

// do sends body (nil for none) and decodes a 200 answer into out; any
// other answer is the sandbox's error message.
func (c *controlClient) do(ctx context.Context, method, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return usageError{fmt.Sprintf("沙箱地址无效 (bad sandbox URL) %q: %v", c.base, err)}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("无法连接沙箱 (cannot reach the sandbox) %s: %w", c.base, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("沙箱应答读取失败 (reading the answer): %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var e sandbox.ControlErrorBody
		if json.Unmarshal(raw, &e) != nil || e.Error.Message == "" {
			return fmt.Errorf("沙箱答 %s (sandbox answered %s): %s", resp.Status, resp.Status, bytes.TrimSpace(raw))
		}
		return fmt.Errorf("%s (HTTP %d)", e.Error.Message, resp.StatusCode)
	}
	return json.Unmarshal(raw, out)
}

func printJSON(out io.Writer, raw json.RawMessage) error {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return err
	}
	_, err := fmt.Fprintln(out, b.String())
	return err
}

// sandboxShow prints one kind of the sandbox's state.
func sandboxShow(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	kinds := []string{"corp", "members", "customers", "follows", "groups", "tags", "deliveries", "snapshot"}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "usage: siyu sandbox show KIND [--sandbox URL] [--corp ID] [--userid U] [--external-userid E]\n  KIND: %s\n", strings.Join(kinds, ", "))
		if len(args) > 0 && isHelp(args[0]) {
			return flag.ErrHelp
		}
		return usageError{"缺少状态种类 (missing KIND)"}
	}
	if !slices.Contains(kinds, args[0]) {
		return usageError{fmt.Sprintf("未知状态种类 %q (unknown KIND): %s", args[0], strings.Join(kinds, ", "))}
	}
	fs := flag.NewFlagSet("sandbox show", flag.ContinueOnError)
	fs.SetOutput(stderr)
	t := &target{}
	t.flags(fs)
	user := fs.String("userid", "", "follows of this member only")
	ext := fs.String("external-userid", "", "follows of this customer only")
	if err := fs.Parse(args[1:]); err != nil {
		return flagError(err)
	}
	path := "/sandbox/corps/" + url.PathEscape(t.corp)
	if args[0] != "corp" {
		path += "/" + args[0] + "?" + url.Values{"userid": {*user}, "external_userid": {*ext}}.Encode()
	}
	c, err := t.client(cfg)
	if err != nil {
		return err
	}
	var out json.RawMessage
	if err := c.do(ctx, "GET", path, nil, &out); err != nil {
		return err
	}
	return printJSON(stdout, out)
}
