package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// OpenAPIPath is where the API's OpenAPI 3 description is served.
const OpenAPIPath = "/api/openapi.yaml"

// OpenAPI is the hand-written description of the JSON API. A test checks
// that every /api/v1 route is in it and that it describes no other, so the
// two cannot drift apart.
//
//go:embed openapi.yaml
var OpenAPI []byte

func serveOpenAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", OpenAPI)
}
