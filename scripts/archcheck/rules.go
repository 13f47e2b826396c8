package main

import (
	"path"
	"slices"
	"strings"
)

// module is Siyu's module path; rules name packages relative to it.
const module = "github.com/siyu-scrm/siyu"

// capabilities are the packages under app/ that hold one capability's
// logic. They depend on app (domain types, interfaces), on wecom's types
// and on the shared helpers, never on each other, the database layer,
// the queue or HTTP.
var capabilities = []string{"app/assign", "app/audit", "app/behavior", "app/auth", "app/channel", "app/corpcheck", "app/dashboard", "app/digest", "app/directory", "app/groupsop", "app/referral",
	"app/attribution", "app/inbox", "app/member", "app/names", "app/order", "app/org", "app/panel", "app/remind", "app/rfm", "app/segment", "app/stats", "app/todo", "app/touch", "app/transfer",
	"app/wechat", "app/miniapp", "app/uplift"}

// helpers are packages under app/ that several capabilities share, such
// as reading spreadsheets: logic of no capability's own, depending only on
// the domain, so a capability using one depends on no other capability.
var helpers = []string{"app/poster", "app/sheet"}

// rule says what a package may import, of Siyu's own packages (ours) and
// of the libraries that mark a layer (guarded).
type rule struct {
	ours    []string // prefixes of Siyu packages it may import
	libs    []string // guarded libraries it may import
	comment string   // why, printed with a violation
}

// guarded are libraries only some layers may use: the ORM, the queue,
// the HTTP framework, Redis and the WeCom SDK.
var guarded = []string{"gorm.io/", "github.com/hibiken/asynq", "github.com/gin-gonic/gin", "github.com/redis/go-redis",
	"github.com/alicebob/miniredis", "github.com/silenceper/wechat"}

// ruleFor is the rule of package p (relative to the module); ok is false
// for packages every import is allowed to (the composition root, the
// command, test support, scripts).
func ruleFor(p string) (rule, bool) {
	switch {
	case p == "app":
		return rule{comment: "the domain imports nothing of Siyu's and no framework"}, true
	case isCapability(p):
		return rule{ours: append([]string{"app", "wecom"}, helpers...), comment: "a capability depends on app's types and interfaces it declares; app/db implements them and cmd/siyu/root wires them"}, true
	case isHelper(p):
		return rule{ours: []string{"app"}, comment: "a shared helper serves capabilities alike, so it knows only the domain"}, true
	case p == "app/demo":
		return rule{ours: []string{"app", "wecom", "wecom/sandbox"}, comment: "the demo drives the sandbox and Siyu through their interfaces"}, true
	case p == "app/db":
		return rule{ours: []string{"app", "app/config", "app/secret", "migrations"}, libs: []string{"gorm.io/"},
			comment: "the database layer implements capabilities' interfaces without importing them"}, true
	case p == "app/api":
		return rule{ours: append([]string{"app", "app/metrics", "app/demo", "templates", "wecom"}, capabilities...), libs: []string{"github.com/gin-gonic/gin"},
			comment: "HTTP handlers call capabilities, never the database or the queue"}, true
	case p == "tasks":
		return rule{ours: []string{"app", "app/config", "app/metrics"}, libs: []string{"github.com/hibiken/asynq"},
			comment: "tasks routes work to capabilities through the interfaces it declares"}, true
	case p == "wecom":
		return rule{ours: []string{"app"}, libs: []string{"github.com/silenceper/wechat", "github.com/redis/go-redis"},
			comment: "wecom is the only importer of the WeCom SDK"}, true
	case p == "wecom/sandbox":
		return rule{ours: []string{"wecom"}, comment: "the sandbox speaks WeCom's wire protocol, knowing nothing of Siyu"}, true
	}
	return rule{}, false
}

func isCapability(p string) bool { return slices.Contains(capabilities, p) }

func isHelper(p string) bool { return slices.Contains(helpers, p) }

// allows reports whether r lets a package import imp (a full path).
func (r rule) allows(imp string) bool {
	if rel, ok := strings.CutPrefix(imp, module+"/"); ok || imp == module {
		if imp == module {
			rel = ""
		}
		for _, o := range r.ours {
			if rel == o {
				return true
			}
		}
		return false
	}
	for _, g := range guarded {
		if strings.HasPrefix(imp, g) {
			for _, l := range r.libs {
				if strings.HasPrefix(imp, l) {
					return true
				}
			}
			return false
		}
	}
	return true
}

// relative names a package by its path in the module ("" for the root).
func relative(p string) string {
	if p == module {
		return ""
	}
	rel, _ := strings.CutPrefix(p, module+"/")
	return path.Clean(rel)
}
