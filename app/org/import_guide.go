package org

import (
	"context"
	"io"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/sheet"
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
	return sheet.Import(ctx, sheet.Importer{Kind: "guides", Columns: guideColumns, Key: "userid", Apply: s.importGuide}, corpID, name, r)
}

func (s *Service) importGuide(ctx context.Context, corpID int64, h *sheet.Header, row []string) (outcome string, err error) {
	err = s.write(ctx, corpID, func(ctx context.Context) (*change, error) {
		before, err := s.st.FindGuideByUserID(ctx, corpID, h.Cell(row, "userid"))
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
		g.UserID, g.StoreCode = h.Cell(row, "userid"), h.Cell(row, "store_code")
		if h.Has("name") {
			g.Name = h.Cell(row, "name")
		}
		if v := h.Cell(row, "role"); v != "" {
			g.Role = word(v, guideRoleWords)
		}
		if v := h.Cell(row, "status"); v != "" {
			g.Status = word(v, guideStatusWords)
		}
		if before == nil {
			outcome = sheet.Created
			return s.createGuide(ctx, g)
		}
		c, err := s.updateGuide(ctx, before, g)
		outcome = map[bool]string{true: sheet.Updated, false: sheet.Unchanged}[c != nil]
		return c, err
	})
	return outcome, err
}
