package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// jssdkScript is the stand-in's script; BASE and CORP are filled in.
const jssdkScript = `(function () {
  var base = BASE, corp = CORP;
  var ww = window.ww = window.ww || {};
  function call(api, args) {
    return fetch(base + '/sandbox/corps/' + encodeURIComponent(corp) + '/jssdk/calls', {method: 'POST',
      headers: {'Content-Type': 'text/plain'}, body: JSON.stringify({api: api, args: args || {}, page: location.href})})
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (!/:ok$/.test(j.errMsg || '')) { var e = new Error(j.errMsg); e.errMsg = j.errMsg; throw e; }
        return j;
      });
  }
  function define(name) { if (!ww[name]) { ww[name] = function (args) { return call(name, args); }; } }
  ['register', 'getContext', 'getCurExternalChat', 'sendChatMessage', 'openExistedChatWithMsg', 'openEnterpriseChat'].forEach(define);
})();
`

// serveJSSDK serves the stand-in script for ?corp=.
func (s *Sandbox) serveJSSDK(w http.ResponseWriter, r *http.Request) {
	corp, _ := json.Marshal(r.URL.Query().Get("corp"))
	base, _ := json.Marshal(requestBase(r))
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = io.WriteString(w, strings.NewReplacer("BASE", string(base), "CORP", string(corp)).Replace(jssdkScript))
}

// controlJSSDKCall answers a stand-in call from a page of another origin
// (Siyu's): a plain-text POST, so the browser sends it without a
// preflight, answered with CORS allowing any origin.
func (s *Sandbox) controlJSSDKCall(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	c := s.Corp(r.PathValue("corp"))
	if c == nil {
		controlError(w, http.StatusNotFound, "not_found", "没有这个企业 (no such corp)")
		return
	}
	var call JSSDKCall
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBody))
	if err == nil {
		err = json.Unmarshal(body, &call)
	}
	if err != nil || call.API == "" {
		controlError(w, http.StatusBadRequest, "invalid", "无法读取调用 (cannot read the call)")
		return
	}
	result, _ := c.jssdkCall(call)
	writeControl(w, http.StatusOK, result)
}

// controlJSSDK answers the recorded calls (GET …/jssdk/calls) and the open
// chat (GET …/jssdk/context), and opens one (POST …/jssdk/context).
func (s *Sandbox) controlJSSDK(w http.ResponseWriter, r *http.Request) {
	c := s.Corp(r.PathValue("corp"))
	if c == nil {
		controlError(w, http.StatusNotFound, "not_found", "没有这个企业 (no such corp)")
		return
	}
	switch {
	case r.Method == http.MethodGet && r.PathValue("what") == "calls":
		calls := c.JSSDKCalls()
		if calls == nil {
			calls = []JSSDKCall{}
		}
		writeControl(w, http.StatusOK, calls)
	case r.Method == http.MethodGet && r.PathValue("what") == "context":
		c.jssdk.mu.Lock()
		x := c.jssdk.ctx
		c.jssdk.mu.Unlock()
		writeControl(w, http.StatusOK, x)
	case r.Method == http.MethodPost && r.PathValue("what") == "context":
		var x JSSDKContext
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody)).Decode(&x); err != nil {
			controlError(w, http.StatusBadRequest, "invalid", "无法读取参数 (cannot read parameters): "+err.Error())
			return
		}
		c.SetJSSDKContext(x)
		writeControl(w, http.StatusOK, x)
	default:
		controlError(w, http.StatusNotFound, "not_found", "没有这个控制接口 (no such control route)")
	}
}
