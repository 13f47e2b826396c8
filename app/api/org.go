package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Org is the organisation capability the API serves.
type Org interface {
	app.BrandService
	app.RegionService
	app.StoreService
	app.GuideService
	// StoreOf is the store a console caller is limited to (0: the corp).
	StoreOf(ctx context.Context, corpID int64, by app.Principal) (int64, error)
}

// orgRoutes serves brands, regions, stores and guides of the corp in
// scope: reads to every role, changes and imports to operators and admins.
func (s *server) orgRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	o := s.d.Org
	c.GET("/brands", func(c *gin.Context) { list(s, c, o.ListBrands, toBrand) })
	c.GET("/brands/:id", func(c *gin.Context) { getOne(s, c, o.FindBrand, toBrand) })
	w.POST("/brands", func(c *gin.Context) {
		createOne(s, c, brandJSON{SharesCustomers: true}, fromBrand, o.CreateBrand, toBrand)
	})
	w.PATCH("/brands/:id", func(c *gin.Context) { updateOne(s, c, o.FindBrand, toBrand, fromBrand, o.UpdateBrand) })
	w.DELETE("/brands/:id", func(c *gin.Context) { deleteOne(s, c, o.DeleteBrand) })

	c.GET("/regions", func(c *gin.Context) { list(s, c, o.ListRegions, toRegion) })
	c.GET("/regions/:id", func(c *gin.Context) { getOne(s, c, o.FindRegion, toRegion) })
	w.POST("/regions", func(c *gin.Context) { createOne(s, c, regionJSON{}, fromRegion, o.CreateRegion, toRegion) })
	w.PATCH("/regions/:id", func(c *gin.Context) { updateOne(s, c, o.FindRegion, toRegion, fromRegion, o.UpdateRegion) })
	w.DELETE("/regions/:id", func(c *gin.Context) { deleteOne(s, c, o.DeleteRegion) })

	c.GET("/stores", func(c *gin.Context) { list(s, c, o.ListStores, toStore) })
	c.GET("/stores/:id", func(c *gin.Context) { getOne(s, c, o.FindStore, toStore) })
	w.POST("/stores", func(c *gin.Context) { createOne(s, c, storeJSON{}, fromStore, o.CreateStore, toStore) })
	w.PATCH("/stores/:id", func(c *gin.Context) { updateOne(s, c, o.FindStore, toStore, fromStore, o.UpdateStore) })
	w.DELETE("/stores/:id", func(c *gin.Context) { deleteOne(s, c, o.CloseStore) })

	c.GET("/guides", s.listGuides)
	c.GET("/guides/:id", func(c *gin.Context) { getOne(s, c, o.FindGuide, toGuide) })
	w.POST("/guides", func(c *gin.Context) { createOne(s, c, guideJSON{}, fromGuide, o.CreateGuide, toGuide) })
	w.PATCH("/guides/:id", func(c *gin.Context) { updateOne(s, c, o.FindGuide, toGuide, fromGuide, o.UpdateGuide) })
	w.DELETE("/guides/:id", func(c *gin.Context) { deleteOne(s, c, o.LeaveGuide) })

	if s.d.Importer != nil {
		w.POST("/stores/import", func(c *gin.Context) { s.importFile(c, s.d.Importer.ImportStores) })
		w.POST("/guides/import", func(c *gin.Context) { s.importFile(c, s.d.Importer.ImportGuides) })
	}
}

// listGuides pages the corp's guides, narrowed by ?store_id= and ?status=.
func (s *server) listGuides(c *gin.Context) {
	storeID, err := queryInt(c, "store_id")
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.Guide, int64, error) {
		return s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: p, StoreID: storeID, Status: c.Query("status")})
	}, toGuide)
}
