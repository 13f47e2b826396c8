package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/segment"
)

// previewView is the builder's live count: how many customers the typed
// rule selects and a sample of them by name, or why it cannot be
// counted yet, each reason for the condition it is about.
type previewView struct {
	Preview   *segment.Preview
	NodeErrs  []consoleOption // a node's element id and why it was refused
	Rest      []string        // reasons about no one condition
	Failed    string          // the count failed: what to tell support
	RequestID string
}

// segmentPreview counts what the typed rule selects, without saving. It
// answers 200 whether or not the rule is complete: while a condition is
// being written its reason shows beside it, the page stays as it is.
func (s *server) segmentPreview(c *gin.Context) {
	ctx := c.Request.Context()
	root := readRuleTree(c)
	p, err := s.d.Segments.Preview(ctx, caller(c).CorpID, root.rule())
	v := previewView{Preview: p, RequestID: app.RequestID(ctx)}
	switch app.ErrorCode(err) {
	case "":
	case app.EINVALID:
		v.Preview, v.Rest = nil, placeErrors(root, app.ErrorFields(err), "")
		v.NodeErrs = nodeErrors(viewTree(root, nil, nil))
	default:
		s.d.Log.ErrorContext(ctx, "segment preview", "err", err, "request_id", v.RequestID)
		v.Preview, v.Failed = nil, app.ErrorMessage(err)
	}
	c.Header("Cache-Control", "no-store")
	c.HTML(http.StatusOK, "segment_preview", v)
}

// nodeErrors lists the refused nodes of the tree by element id.
func nodeErrors(v segNode) []consoleOption {
	var out []consoleOption
	if v.Err != "" {
		out = append(out, consoleOption{Value: v.ID, Label: v.Err})
	}
	for _, k := range v.Children {
		out = append(out, nodeErrors(k)...)
	}
	return out
}
