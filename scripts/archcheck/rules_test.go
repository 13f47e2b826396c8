package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Each wrong import the documented direction forbids is caught, and the
// imports the layers need are not.
func TestCheck(t *testing.T) {
	m := func(p string) string {
		if p == "app" {
			return module + "/app"
		}
		return module + "/" + p
	}
	tests := []struct {
		name    string
		pkg     string
		imports []string
		bad     []string
	}{
		{"CapabilityUsesDomainAndWeComTypes", "app/assign", []string{m("app"), m("wecom"), "context"}, nil},
		{"CapabilityImportsTheDatabaseLayer", "app/assign", []string{m("app/db")}, []string{m("app/db")}},
		{"CapabilityImportsAnotherCapability", "app/assign", []string{m("app/channel")}, []string{m("app/channel")}},
		{"CapabilityImportsTheORM", "app/transfer", []string{"gorm.io/gorm"}, []string{"gorm.io/gorm"}},
		{"CapabilityImportsTheQueue", "app/directory", []string{"github.com/hibiken/asynq", m("tasks")}, []string{"github.com/hibiken/asynq", m("tasks")}},
		{"CapabilityImportsTheSDK", "app/panel", []string{"github.com/silenceper/wechat/v2/work"}, []string{"github.com/silenceper/wechat/v2/work"}},
		{"CapabilityUsesASharedHelper", "app/org", []string{m("app"), m("app/sheet")}, nil},
		{"HelperImportsACapability", "app/sheet", []string{m("app"), m("app/org")}, []string{m("app/org")}},
		{"HelperImportsTheORM", "app/sheet", []string{"gorm.io/gorm"}, []string{"gorm.io/gorm"}},
		{"DomainImportsACapability", "app", []string{m("app/org")}, []string{m("app/org")}},
		{"DatabaseLayerImportsACapability", "app/db", []string{m("app"), "gorm.io/gorm", m("app/assign")}, []string{m("app/assign")}},
		{"TasksImportsTheDatabaseLayer", "tasks", []string{"github.com/hibiken/asynq", m("app/db")}, []string{m("app/db")}},
		{"HandlersUseCapabilities", "app/api", []string{m("app/panel"), "github.com/gin-gonic/gin"}, nil},
		{"HandlersUseTheORM", "app/api", []string{"gorm.io/gorm"}, []string{"gorm.io/gorm"}},
		{"SandboxKnowsSiyu", "wecom/sandbox", []string{m("wecom"), m("app")}, []string{m("app")}},
		{"RootWiresEverything", "cmd/siyu/root", []string{m("app/db"), m("app/assign"), "github.com/hibiken/asynq"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, v := range check([]pkg{{ImportPath: m(tt.pkg), Imports: tt.imports}}) {
				got = append(got, v.imp)
			}
			assert.ElementsMatch(t, tt.bad, got)
		})
	}
}
