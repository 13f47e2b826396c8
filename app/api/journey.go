package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Journeys is the customer-journey capability the API serves
// (app/journey).
type Journeys interface {
	List(ctx context.Context, corpID int64, status string) ([]app.Journey, error)
	Find(ctx context.Context, corpID, id int64) (*app.Journey, error)
	Create(ctx context.Context, corpID int64, actor string, in app.Journey) (*app.Journey, error)
	Update(ctx context.Context, corpID, id int64, actor string, in app.Journey) (*app.Journey, error)
	SetStatus(ctx context.Context, corpID, id int64, actor, status string) (*app.Journey, error)
	Counts(ctx context.Context, corpID, id int64) (map[string]int64, error)
	Fires(ctx context.Context, corpID, id int64, status string, p app.Page) ([]app.JourneyFire, int64, error)
}

// Holidays is a corp's holiday calendar (节日日历, app/journey).
type Holidays interface {
	Holidays(ctx context.Context, corpID int64) ([]app.Holiday, error)
	SaveHoliday(ctx context.Context, corpID int64, actor string, h app.Holiday) (*app.Holiday, error)
	DeleteHoliday(ctx context.Context, corpID int64, actor, code string, year int) error
}

// journeyRoutes serves journeys and the holiday calendar: reads to every
// role, changes to operators.
func (s *server) journeyRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	c.GET("/journeys", s.listJourneys)
	c.GET("/journeys/:id", s.getJourney)
	c.GET("/journeys/:id/fires", s.journeyFires)
	w.POST("/journeys", s.createJourney)
	w.PUT("/journeys/:id", s.updateJourney)
	w.POST("/journeys/:id/pause", s.setJourneyStatus(app.JourneyPaused))
	w.POST("/journeys/:id/resume", s.setJourneyStatus(app.JourneyActive))
	if s.d.Holidays != nil {
		c.GET("/journey-holidays", s.listHolidays)
		w.PUT("/journey-holidays/:code/:year", s.saveHoliday)
		w.DELETE("/journey-holidays/:code/:year", s.deleteHoliday)
	}
}

func (s *server) listJourneys(c *gin.Context) {
	js, err := s.d.Journeys.List(c.Request.Context(), c.GetInt64(corpKey), c.Query("status"))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": mapAll(js, toJourney)})
}

func (s *server) getJourney(c *gin.Context) {
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	id, err := idParam(c)
	var j *app.Journey
	if err == nil {
		j, err = s.d.Journeys.Find(ctx, corpID, id)
	}
	var counts map[string]int64
	if err == nil {
		counts, err = s.d.Journeys.Counts(ctx, corpID, id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := toJourney(*j)
	out.Fires = counts
	c.JSON(http.StatusOK, out)
}

func (s *server) createJourney(c *gin.Context) {
	var in journeyJSON
	err := bindJSON(c, &in)
	var j *app.Journey
	if err == nil {
		ctx := c.Request.Context()
		j, err = s.d.Journeys.Create(ctx, c.GetInt64(corpKey), app.Actor(ctx), in.journey())
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toJourney(*j))
}

func (s *server) updateJourney(c *gin.Context) {
	var in journeyJSON
	id, err := idParam(c)
	if err == nil {
		err = bindJSON(c, &in)
	}
	var j *app.Journey
	if err == nil {
		ctx := c.Request.Context()
		j, err = s.d.Journeys.Update(ctx, c.GetInt64(corpKey), id, app.Actor(ctx), in.journey())
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toJourney(*j))
}

func (s *server) setJourneyStatus(status string) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := idParam(c)
		var j *app.Journey
		if err == nil {
			ctx := c.Request.Context()
			j, err = s.d.Journeys.SetStatus(ctx, c.GetInt64(corpKey), id, app.Actor(ctx), status)
		}
		if err != nil {
			Error(c, s.d.Log, err)
			return
		}
		c.JSON(http.StatusOK, toJourney(*j))
	}
}

// journeyFires pages a journey's fires: ?status=, ?after=, ?limit=.
func (s *server) journeyFires(c *gin.Context) {
	id, err := idParam(c)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.JourneyFire, int64, error) {
		return s.d.Journeys.Fires(ctx, corpID, id, c.Query("status"), p)
	}, toFire)
}

func (s *server) listHolidays(c *gin.Context) {
	hs, err := s.d.Holidays.Holidays(c.Request.Context(), c.GetInt64(corpKey))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": mapAll(hs, toHoliday)})
}

func (s *server) saveHoliday(c *gin.Context) {
	var in holidayJSON
	year, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		err = app.FieldInvalid("year", "年份须是数字")
	}
	if err == nil {
		err = bindJSON(c, &in)
	}
	var h *app.Holiday
	if err == nil {
		ctx := c.Request.Context()
		h, err = s.d.Holidays.SaveHoliday(ctx, c.GetInt64(corpKey), app.Actor(ctx), app.Holiday{Code: c.Param("code"), Year: year, Name: in.Name, Date: in.Date})
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toHoliday(*h))
}

func (s *server) deleteHoliday(c *gin.Context) {
	year, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		err = app.FieldInvalid("year", "年份须是数字")
	}
	if err == nil {
		ctx := c.Request.Context()
		err = s.d.Holidays.DeleteHoliday(ctx, c.GetInt64(corpKey), app.Actor(ctx), c.Param("code"), year)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}
