package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func TestConsoleTransferItems(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		t.Run("ErrInvalid", func(t *testing.T) {
			w := send(c.h, "GET", "/api/v1/corps/wwa/transfers/1/items?state=done", "", olga...)
			assert.Equal(t, http.StatusBadRequest, w.Code)
			e := decodeError(t, w)
			assert.Contains(t, e.Fields, app.FieldError{Field: "state",
				Reason: "状态应为待发送（pending）、发送中（sent）、等待接替（waiting）、已接替（succeeded）、客户拒绝（refused）、接替导购客户已满（limit_exceeded）、失败（failed）、已取消（cancelled）之一"})
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			w := send(c.h, "GET", "/api/v1/corps/wwa/transfers/1/items?state=failed", "", olga...)
			assert.Equal(t, http.StatusNotFound, w.Code)
		})
	})
}
