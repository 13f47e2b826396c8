package org

import (
	"context"
	"io"

	"github.com/siyu-scrm/siyu/app"
)

// Words a spreadsheet may use for a guide's role and status.
var (
	guideRoleWords   = map[string]string{"导购": app.GuideRoleGuide, "店员": app.GuideRoleGuide, "店长": app.GuideRoleManager}
	guideStatusWords = map[string]string{"在职": app.GuideActive, "离职": app.GuideLeft, "已离职": app.GuideLeft}
)

// ImportGuides imports guide bindings (member userid → store code, role)
// from a CSV or xlsx file, upserting by userid: a member in the file is
// bound to the store it names, moved there if bound elsewhere. A blank
// role or status keeps the current one (a new binding is an active guide).
func (s *Service) ImportGuides(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error) {
	return s.run(ctx, importer{kind: "guides", cols: guideColumns, keyName: "userid", apply: s.importGuide}, corpID, name, r)
}

func (s *Service) importGuide(ctx context.Context, corpID int64, h *header, row []string) (outcome string, err error) {
	err = s.write(ctx, corpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindGuideByUserID(ctx, corpID, h.cell(row, "userid"))
		g := &app.Guide{CorpID: corpID}
		switch app.ErrorCode(err) {
		case "":
			cp := *before
			g = &cp
		case app.ENOTFOUND:
			before = nil
		default:
			return nil, err
		}
		g.UserID, g.StoreCode = h.cell(row, "userid"), h.cell(row, "store_code")
		if h.has("name") {
			g.Name = h.cell(row, "name")
		}
		if v := h.cell(row, "role"); v != "" {
			g.Role = word(v, guideRoleWords)
		}
		if v := h.cell(row, "status"); v != "" {
			g.Status = word(v, guideStatusWords)
		}
		if before == nil {
			outcome = outcomeCreated
			return s.createGuide(ctx, g)
		}
		c, err := s.updateGuide(ctx, before, g)
		outcome = map[bool]string{true: outcomeUpdated, false: outcomeUnchanged}[c != nil]
		return c, err
	})
	return outcome, err
}
