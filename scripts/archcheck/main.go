// Command archcheck fails when a Siyu package imports against the
// documented direction of dependencies (README, "Layout"): capabilities
// depend on app's types and the interfaces they declare, app/db implements
// those without importing any capability, only wecom imports the WeCom
// SDK, only app/db the ORM, only tasks (and infrastructure) the queue, and
// cmd/siyu/root wires it all. scripts/test runs it.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
)

// pkg is what go list says of one package.
type pkg struct {
	ImportPath string
	Imports    []string
}

func main() {
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "archcheck: go list:", err)
		os.Exit(2)
	}
	pkgs, err := decode(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "archcheck:", err)
		os.Exit(2)
	}
	if bad := check(pkgs); len(bad) > 0 {
		report(os.Stderr, bad)
		os.Exit(1)
	}
	fmt.Printf("archcheck: %d packages import in the documented direction\n", len(pkgs))
}

// decode reads go list's stream of JSON objects.
func decode(b []byte) ([]pkg, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	var out []pkg
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// violation is one forbidden import.
type violation struct {
	pkg, imp, why string
}

// check returns every forbidden import of pkgs, in a stable order.
func check(pkgs []pkg) []violation {
	var bad []violation
	for _, p := range pkgs {
		r, ok := ruleFor(relative(p.ImportPath))
		if !ok {
			continue
		}
		for _, imp := range p.Imports {
			if !r.allows(imp) {
				bad = append(bad, violation{pkg: relative(p.ImportPath), imp: imp, why: r.comment})
			}
		}
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].pkg+bad[i].imp < bad[j].pkg+bad[j].imp })
	return bad
}

func report(w io.Writer, bad []violation) {
	fmt.Fprintf(w, "archcheck: %d imports against the documented direction:\n", len(bad))
	for _, v := range bad {
		fmt.Fprintf(w, "  %s imports %s\n    (%s)\n", v.pkg, v.imp, v.why)
	}
}
