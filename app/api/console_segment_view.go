package api

import (
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// segNode is a node of the builder's tree as the page renders it: its
// path (the form's names and the service's refusals use it), an element
// id, and the choices its inputs offer.
type segNode struct {
	*ruleNode
	Path, ID string
	Depth    int
	Children []segNode
	C        *segChoices
}

// viewTree renders root and its nodes at their positions, so paths are
// dense again after a node was removed.
func viewTree(n *ruleNode, chain []int, c *segChoices) segNode {
	v := segNode{ruleNode: n, Path: pathOf(chain), ID: nodeID(chain), Depth: len(chain), C: c}
	for i, k := range n.Kids {
		v.Children = append(v.Children, viewTree(k, append(chain[:len(chain):len(chain)], i), c))
	}
	return v
}

// nodeID is a node's element id: n, n-1, n-1-0 …
func nodeID(chain []int) string {
	id := "n"
	for _, i := range chain {
		id += "-" + strconv.Itoa(i)
	}
	return id
}

// Root says whether the node is the tree's root group.
func (v segNode) Root() bool { return v.Depth == 0 }

// CanNest says whether a group may hold another group (the service
// allows four levels).
func (v segNode) CanNest() bool { return v.Depth < 3 }

// Kind is the value input the condition shows (inputKind).
func (v segNode) Kind() string { return inputKind(v.Field, v.Cmp) }

// Cmps are the comparisons the condition's field offers.
func (v segNode) Cmps() []consoleOption { return cmpChoices(v.Field) }

// Enums are an enum field's values.
func (v segNode) Enums() []consoleOption { return enumChoices(v.Field) }

// First is the first value typed or chosen.
func (v segNode) First() string {
	if len(v.Vals) == 0 {
		return ""
	}
	return v.Vals[0]
}

// Has says whether value is among those chosen.
func (v segNode) Has(value any) bool {
	s := ""
	switch x := value.(type) {
	case string:
		s = x
	case int64:
		s = strconv.FormatInt(x, 10)
	}
	for _, got := range v.Vals {
		if got == s {
			return true
		}
	}
	return false
}

// placeErrors puts each refusal next to the node its path names (the
// service's "rules[1].rules[0].value", after prefix) and returns the
// reasons no node is named by.
func placeErrors(root *ruleNode, errs []app.FieldError, prefix string) []string {
	var rest []string
	for _, e := range errs {
		path, ok := strings.CutPrefix(e.Field, prefix)
		n, attr := root.nodeAt(path)
		if !ok || n == nil {
			rest = append(rest, e.Reason)
			continue
		}
		reason := e.Reason
		if attr == "field" && n.Field == "" {
			reason = "请选择条件字段"
		}
		n.Err = strings.TrimPrefix(n.Err+"；"+reason, "；")
	}
	return rest
}

// nodeAt finds the node a refusal's path names and the part of it named
// ("value", "cmp", "rules" …).
func (n *ruleNode) nodeAt(path string) (*ruleNode, string) {
	at, attr := "", path
	if i := strings.LastIndex(path, "."); i >= 0 {
		at, attr = path[:i], path[i+1:]
	}
	chain, ok := chainOf(at)
	for _, i := range chain {
		if !ok || i >= len(n.Kids) {
			return nil, ""
		}
		n = n.Kids[i]
	}
	return n, attr
}
