package sandbox

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// ControlPrefix is where the control API lives: outside WeCom's /cgi-bin/
// and WeChat's /sns/, so it never shadows a real route.
//
// The control API is for people and tests driving the simulator; it has no
// authentication, like the rest of the sandbox, which listens on loopback.
//
//	GET  /sandbox/actions                          the actions and their parameters
//	GET  /sandbox/corps                            corp ids
//	GET  /sandbox/corps/{corp}                     credentials, callback URL, clock
//	GET  /sandbox/corps/{corp}/{kind}              members, customers, follows
//	                                               (?userid= &external_userid=),
//	                                               groups, tags, snapshot, deliveries
//	                                               (?last=20, or ?events=3,4)
//	GET  /sandbox/corps/{corp}/contact-ways/{id}   one 联系我: what its QR code's scan leads to
//	GET  /wwpic/{corp}/{config_id}.png             a 联系我's QR code (outside the prefix, as on WeCom's CDN)
//	POST /sandbox/corps/{corp}/actions/{action}    fire an action; body: its params;
//	                                               answer: its result and the events it emitted
//	GET  /sandbox/corps/{corp}/app-messages        app messages (message/send), dropped ones
//	                                               too (?userid=)
//	GET  /sandbox/jssdk.js?corp=                   the JS-SDK stand-in script (JSSDKPath)
//	POST /sandbox/corps/{corp}/jssdk/calls         a stand-in call (CORS, text/plain JSON)
//	GET  /sandbox/corps/{corp}/jssdk/calls         the calls pages made
//	GET|POST /sandbox/corps/{corp}/jssdk/context   the chat the client has open
const ControlPrefix = "/sandbox/"

// maxControlBody caps an action's parameters.
const maxControlBody = 1 << 20

func (s *Sandbox) controlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sandbox/actions", func(w http.ResponseWriter, r *http.Request) { writeControl(w, http.StatusOK, Actions()) })
	mux.HandleFunc("GET /sandbox/corps", s.controlCorps)
	mux.HandleFunc("GET /sandbox/corps/{corp}", s.controlCorp)
	mux.HandleFunc("GET /sandbox/corps/{corp}/{kind}", s.controlState)
	mux.HandleFunc("GET /sandbox/corps/{corp}/contact-ways/{id}", s.controlContactWay)
	mux.HandleFunc("POST /sandbox/corps/{corp}/actions/{action}", s.controlAct)
	mux.HandleFunc("GET /sandbox/corps/{corp}/app-messages", s.controlAppMessages)
	mux.HandleFunc("GET "+JSSDKPath, s.serveJSSDK)
	mux.HandleFunc("POST /sandbox/corps/{corp}/jssdk/calls", s.controlJSSDKCall)
	mux.HandleFunc("/sandbox/corps/{corp}/jssdk/{what}", s.controlJSSDK)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		controlError(w, http.StatusNotFound, "not_found", "没有这个控制接口 (no such control route): "+r.Method+" "+r.URL.Path)
	})
	return mux
}

func (s *Sandbox) controlAct(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBody))
	if err != nil {
		controlError(w, http.StatusBadRequest, "invalid", "无法读取参数 (cannot read parameters): "+err.Error())
		return
	}
	acted, err := s.Fire(r.PathValue("corp"), r.PathValue("action"), body)
	if err != nil {
		status, code := actStatus(err)
		controlError(w, status, code, err.Error())
		return
	}
	writeControl(w, http.StatusOK, map[string]any{"action": r.PathValue("action"), "result": acted.Result, "events": acted.Events})
}

// actStatus says how the control API answers a failed action: bad input
// 400, something missing 404, an action the corp's state does not allow
// (already friends, already in the group, cancelled) 409.
func actStatus(err error) (int, string) {
	var arg *ArgError
	var api *apiError
	switch {
	case errors.As(err, &arg), errors.As(err, &api):
		return http.StatusBadRequest, "invalid"
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrUnknownAction):
		return http.StatusNotFound, "not_found"
	}
	return http.StatusConflict, "conflict"
}

// ControlErrorBody is the JSON of a failed control request.
type ControlErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func controlError(w http.ResponseWriter, status int, code, msg string) {
	var b ControlErrorBody
	b.Error.Code, b.Error.Message = code, msg
	writeControl(w, status, b)
}

func writeControl(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
