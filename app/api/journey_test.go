package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The journey API: a bad journey names every bad field in Chinese; a good
// one is created, edited keeping its step ids, paused and resumed; a
// store manager may read but not change; the calendar is seeded and
// editable.
func TestJourneyAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga, sam := c.login(t, "wwa", "olga"), c.login(t, "wwa", "sam")
		base := "/api/v1/corps/wwa"
		w := send(c.h, "POST", base+"/journeys", `{"trigger":{"kind":"member_day","day_of_month":31},"steps":[{"at":"9点","action":"masssend"}]}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		var fields []string
		for _, f := range decodeError(t, w).Fields {
			fields = append(fields, f.Field)
		}
		assert.ElementsMatch(t, []string{"name", "reentry", "trigger.day_of_month", "steps[0].at", "steps[0].content"}, fields,
			"a mass-send step is accepted: the capability is wired")
		w = send(c.h, "POST", base+"/journeys", `{"name":"生日群发","trigger":{"kind":"birthday"},"reentry":"occurrence","steps":[{"at":"09:00","action":"masssend","content":"生日快乐"}]}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())

		body := `{"name":"新客","trigger":{"kind":"added"},"reentry":"once","steps":[{"days":1,"at":"10:00","action":"task","content":"你好"}]}`
		assert.Equal(t, http.StatusForbidden, send(c.h, "POST", base+"/journeys", body, sam...).Code)
		w = send(c.h, "POST", base+"/journeys", body, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		id := fmt.Sprint(decode[map[string]any](t, w)["id"])
		w = send(c.h, "PUT", base+"/journeys/"+id, `{"name":"新客","trigger":{"kind":"added"},"reentry":"once","steps":[{"id":1,"days":1,"at":"11:00","action":"task","content":"你好"},{"days":3,"at":"10:00","action":"task","content":"再会"}]}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		steps := decode[map[string]any](t, w)["steps"].([]any)
		assert.Equal(t, []any{1.0, 2.0}, []any{steps[0].(map[string]any)["id"], steps[1].(map[string]any)["id"]})
		w = send(c.h, "POST", base+"/journeys/"+id+"/pause", "", olga...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, "paused", decode[map[string]any](t, w)["status"])
		w = send(c.h, "GET", base+"/journeys/"+id, "", sam...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, "paused", decode[map[string]any](t, w)["status"])
		w = send(c.h, "GET", base+"/journeys/"+id+"/fires", "", sam...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, http.StatusNotFound, send(c.h, "GET", base+"/journeys/999999", "", sam...).Code)

		w = send(c.h, "GET", base+"/journey-holidays", "", sam...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Contains(t, w.Body.String(), `"code":"spring_festival","year":2027,"name":"春节","date":"2027-02-06"`)
		w = send(c.h, "PUT", base+"/journey-holidays/store_day/2027", `{"name":"店庆","date":"2027-05-20"}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		w = send(c.h, "PUT", base+"/journey-holidays/store_day/2027", `{"name":"","date":"2027-02-30"}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Len(t, decodeError(t, w).Fields, 2)
		assert.Equal(t, http.StatusNoContent, send(c.h, "DELETE", base+"/journey-holidays/store_day/2027", "", olga...).Code)
	})
}
