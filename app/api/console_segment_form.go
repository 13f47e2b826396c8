package api

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// The segment builder's form carries its rule tree flat, one entry per
// node named by the node's path, the same path the segment service names
// a refused node by ("rules[1].rules[0]"; the root group is ""): `node`
// lists the paths, `op:<path>` a group's AND/OR, `field:<path>`,
// `cmp:<path>`, `v:<path>` (repeated for lists of choices) and
// `v2:<path>` (a range's upper end) a condition's, and `was:<path>` the
// field it was rendered with, so a change of field starts it afresh.

// ruleNode is one node of the builder's tree: a group or a condition, as
// typed (values are text until the rule is made).
type ruleNode struct {
	Group     bool
	Op        string
	Kids      []*ruleNode
	Field     string
	Cmp       string
	Vals      []string
	V2        string
	posted    string // the path the form named it by
	Err       string // why the service refused it, "" when it did not
	FieldOnly bool   // the refusal was "choose a field"
}

// maxFormNodes bounds what a posted tree may hold; the service refuses
// more than 40 conditions anyway.
const maxFormNodes = 120

var nodePath = regexp.MustCompile(`^(rules\[\d{1,3}\])(\.rules\[\d{1,3}\])*$`)

// chainOf reads a path into its indexes: "rules[1].rules[0]" is [1 0].
func chainOf(path string) ([]int, bool) {
	if path == "" {
		return nil, true
	}
	if !nodePath.MatchString(path) {
		return nil, false
	}
	var out []int
	for _, part := range strings.Split(path, ".") {
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(part, "rules["), "]"))
		out = append(out, n)
	}
	return out, true
}

// pathOf writes indexes back as a path.
func pathOf(chain []int) string {
	parts := make([]string, len(chain))
	for i, n := range chain {
		parts[i] = fmt.Sprintf("rules[%d]", n)
	}
	return strings.Join(parts, ".")
}

// readRuleTree reads the posted tree; a node whose group is missing is
// dropped, and a form without a root starts with an empty AND group.
func readRuleTree(c *gin.Context) *ruleNode {
	var chains [][]int
	for _, p := range c.PostFormArray("node") {
		if ch, ok := chainOf(p); ok && len(chains) < maxFormNodes {
			chains = append(chains, ch)
		}
	}
	slices.SortFunc(chains, slices.Compare[[]int])
	byPath := map[string]*ruleNode{}
	root := &ruleNode{Group: true, Op: "and"}
	for _, ch := range chains {
		n := readNode(c, pathOf(ch))
		if len(ch) == 0 {
			root = n
			root.Group = true
			byPath[""] = root
			continue
		}
		parent := byPath[pathOf(ch[:len(ch)-1])]
		if len(ch) == 1 {
			parent = root
		}
		if parent != nil && parent.Group && byPath[n.posted] == nil {
			parent.Kids = append(parent.Kids, n)
			byPath[n.posted] = n
		}
	}
	return root
}

// readNode reads the node the form names path.
func readNode(c *gin.Context, path string) *ruleNode {
	n := &ruleNode{posted: path}
	if op, ok := c.GetPostForm("op:" + path); ok {
		n.Group, n.Op = true, op
		return n
	}
	n.Field, n.Cmp = c.PostForm("field:"+path), c.PostForm("cmp:"+path)
	n.Vals, n.V2 = c.PostFormArray("v:"+path), strings.TrimSpace(c.PostForm("v2:"+path))
	if was, ok := c.GetPostForm("was:" + path); ok && was != n.Field {
		n.Cmp, n.Vals, n.V2 = "", nil, "" // a new field starts with its own comparison and no value
	}
	n.settle()
	return n
}

// settle gives a condition a comparison its field offers.
func (n *ruleNode) settle() {
	if n.Group || n.Field == "" {
		return
	}
	cmps := cmpChoices(n.Field)
	if len(cmps) > 0 && !slices.ContainsFunc(cmps, func(o consoleOption) bool { return o.Value == n.Cmp }) {
		n.Cmp = cmps[0].Value
	}
}

// applyAct changes the tree's shape as a button asked: "add:<group>"
// adds a condition, "group:<group>" a group of one condition (an OR
// group: a nested AND says nothing the outer one does not), "del:<node>"
// removes a node.
func applyAct(root *ruleNode, act string) {
	verb, path, _ := strings.Cut(act, ":")
	parent, i := root.find(path)
	switch {
	case verb == "del" && parent != nil:
		parent.Kids = slices.Delete(parent.Kids, i, i+1)
	case verb == "add" || verb == "group":
		g := root
		if parent != nil {
			g = parent.Kids[i]
		}
		if !g.Group {
			return
		}
		kid := &ruleNode{}
		if verb == "group" {
			kid = &ruleNode{Group: true, Op: "or", Kids: []*ruleNode{{}}}
		}
		g.Kids = append(g.Kids, kid)
	}
}

// find returns the group holding the node posted as path and its index
// there; nil for the root or a path not in the tree.
func (n *ruleNode) find(path string) (*ruleNode, int) {
	for i, k := range n.Kids {
		if k.posted == path && path != "" {
			return n, i
		}
		if p, j := k.find(path); p != nil {
			return p, j
		}
	}
	return nil, 0
}
