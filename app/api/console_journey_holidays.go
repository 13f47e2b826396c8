package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// holidaysView is 节日日历: the calendar by date, and the form to add or
// change a date as typed, with its refusals.
type holidaysView struct {
	Holidays []app.Holiday
	Form     app.Holiday
	Errors   map[string]string
}

func (s *server) holidaysPage(c *gin.Context) {
	s.renderHolidays(c, http.StatusOK, holidaysView{})
}

func (s *server) renderHolidays(c *gin.Context, status int, hv holidaysView) {
	hs, err := s.d.Holidays.Holidays(c.Request.Context(), caller(c).CorpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	if y := c.Query("year"); y != "" {
		for _, h := range hs {
			if strconv.Itoa(h.Year) == y {
				hv.Holidays = append(hv.Holidays, h)
			}
		}
	} else {
		hv.Holidays = hs
	}
	s.render(c, status, "console_journey_holidays.html", s.view(c, "节日日历", "journeys", hv))
}

// saveHolidayForm adds a holiday's date or changes it.
func (s *server) saveHolidayForm(c *gin.Context) {
	h := app.Holiday{Code: c.PostForm("code"), Name: c.PostForm("name"), Date: c.PostForm("date")}
	_, err := s.d.Holidays.SaveHoliday(c.Request.Context(), caller(c).CorpID, caller(c).Actor, h)
	if app.ErrorCode(err) == app.EINVALID {
		s.renderHolidays(c, http.StatusBadRequest, holidaysView{Form: h, Errors: formErrors(err)})
		return
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/journey-holidays", "已保存「"+h.Name+"」"+h.Date)
}

// deleteHolidayForm removes one year's date of a holiday.
func (s *server) deleteHolidayForm(c *gin.Context) {
	year, _ := strconv.Atoi(c.PostForm("year"))
	err := s.d.Holidays.DeleteHoliday(c.Request.Context(), caller(c).CorpID, caller(c).Actor, c.PostForm("code"), year)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/journey-holidays", "已删除节日日期")
}
