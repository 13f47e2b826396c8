package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func (s *server) orderImportPage(c *gin.Context) {
	s.render(c, http.StatusOK, "console_order_import.html", s.view(c, "导入订单", "orders", importView{Kind: "orders"}))
}

// importOrders imports the uploaded CSV or Excel file of order lines: a
// bad row refuses its whole order, every other order is kept, and the
// report lists each refused row with its reason on the page and
// downloads as CSV, as the stores import does.
func (s *server) importOrders(c *gin.Context) {
	v := importView{Kind: "orders"}
	status := s.importForm(c, &v, s.d.Orders.ImportOrders)
	s.render(c, status, "console_order_import.html", s.view(c, "导入订单", "orders", v))
}
