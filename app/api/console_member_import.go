package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// memberImportPage is the members' import form.
func (s *server) memberImportPage(c *gin.Context) {
	s.render(c, http.StatusOK, "console_member_import.html", s.view(c, "导入会员", "members", importView{Kind: "members"}))
}

// importMembersForm imports the uploaded CSV or Excel file of members,
// each row on its own, and shows the per-row report (see importForm).
func (s *server) importMembersForm(c *gin.Context) {
	v := importView{Kind: "members"}
	status := s.importForm(c, &v, s.d.Members.Import)
	s.render(c, status, "console_member_import.html", s.view(c, "导入会员", "members", v))
}
