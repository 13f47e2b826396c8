package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

// The generic handlers of the organisation API. T is the domain type, J
// its JSON shape, which also reads input: toJSON renders a T, fromJSON
// turns input into a T of the corp in scope with the given id (0 for a new
// one; the id in a body is never trusted).

type (
	findFunc[T any]        func(ctx context.Context, corpID, id int64) (*T, error)
	toJSONFunc[T, J any]   func(T) J
	fromJSONFunc[T, J any] func(j J, corpID, id int64) *T
)

// getOne answers the object :id of the corp in scope.
func getOne[T, J any](s *server, c *gin.Context, find findFunc[T], toJSON toJSONFunc[T, J]) {
	id, err := idParam(c)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t, err := find(c.Request.Context(), c.GetInt64(corpKey), id)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toJSON(*t))
}

// createOne reads a J over the defaults in j, creates it and answers 201.
func createOne[T, J any](s *server, c *gin.Context, j J, fromJSON fromJSONFunc[T, J], create func(context.Context, *T) error, toJSON toJSONFunc[T, J]) {
	if err := bindJSON(c, &j); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t := fromJSON(j, c.GetInt64(corpKey), 0)
	if err := create(c.Request.Context(), t); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toJSON(*t))
}

// updateOne merges the body into the current object :id (fields left out
// keep their value; null clears an optional one), saves it and answers
// the object as stored.
func updateOne[T, J any](s *server, c *gin.Context, find findFunc[T], toJSON toJSONFunc[T, J], fromJSON fromJSONFunc[T, J], update func(context.Context, *T) error) {
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	id, err := idParam(c)
	var cur *T
	if err == nil {
		cur, err = find(ctx, corpID, id)
	}
	var j J
	if err == nil {
		j = toJSON(*cur)
		err = bindJSON(c, &j)
	}
	if err == nil {
		err = update(ctx, fromJSON(j, corpID, id))
	}
	if err == nil {
		cur, err = find(ctx, corpID, id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toJSON(*cur))
}

// deleteOne deletes (or closes, or marks left) the object :id; 204.
func deleteOne(s *server, c *gin.Context, del func(ctx context.Context, corpID, id int64) error) {
	id, err := idParam(c)
	if err == nil {
		err = del(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}
