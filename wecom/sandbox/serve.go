package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// auth says how a route finds its corp.
type auth int

const (
	authToken     auth = iota // ?access_token=
	authCorpID                // ?corpid= (gettoken)
	authMiniApp               // ?appid= (jscode2session)
	authOAApp                 // ?appid= of a 公众号 (token)
	authOAToken               // ?access_token= of a 公众号
	authMiniToken             // ?access_token= of a mini-program
)

// route is one API: its HTTP method, how it authenticates and its handler,
// which runs with the corp's lock held.
type route struct {
	method string
	auth   auth
	handle func(c *Corp, q *call) (any, error)
}

// call is one API request as a handler sees it.
type call struct {
	api  string
	r    *http.Request
	body []byte
	base string // the scheme and host the call came in on
	// dropAnswer: a fault wants the call applied and its answer lost.
	dropAnswer bool
	// replay: the call comes from a journal, not a client.
	replay bool
}

// query returns a URL query parameter.
func (q *call) query(key string) string { return q.r.URL.Query().Get(key) }

// decode reads the JSON body into v, ignoring unknown keys and nulls as
// WeCom does; a body that is not JSON is 47001.
func (q *call) decode(v any) error {
	if err := json.Unmarshal(q.body, v); err != nil {
		return fail(47001)
	}
	return nil
}

// apiName turns a request path into the API name used for limits, faults
// and the call log: "/cgi-bin/externalcontact/get" → "externalcontact/get",
// "/sns/jscode2session" → "sns/jscode2session".
func apiName(path string) string {
	if rest, ok := strings.CutPrefix(path, "/cgi-bin/"); ok {
		return rest
	}
	return strings.TrimPrefix(path, "/")
}

func (s *Sandbox) serve(w http.ResponseWriter, r *http.Request) {
	api := apiName(r.URL.Path)
	rt, ok := s.routes[api]
	if !ok {
		http.NotFound(w, r)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	q := &call{api: api, r: r, body: body, base: requestBase(r)}
	c, err := s.authenticate(q, rt.auth)
	if c == nil {
		code, out := encodeResult(nil, err)
		s.orphans.add(CallRecord{API: api, Time: s.Now(), ErrCode: code, HTTPStatus: http.StatusOK})
		writeJSON(w, out)
		return
	}
	c.handle(w, q, rt, err, &CallRecord{API: api, Time: c.Now()})
}

// handle runs one call for corp c: limits, faults, method, handler. Every
// outcome is logged before the client can see it, so a test reading the
// log right after a call finds the call there.
func (c *Corp) handle(w http.ResponseWriter, q *call, rt route, authErr error, rec *CallRecord) {
	err := authErr
	if err == nil {
		// Limits come first so a slow (latency-faulted) call counts as in
		// flight, as a slow WeCom call would.
		release, limErr := c.limits.acquire(q.api, c.Now())
		defer release()
		err = limErr
	}
	answered, faultErr := c.applyFault(w, q, rec)
	if answered {
		return
	}
	err = firstErr(faultErr, err)
	var body any
	if err == nil {
		body, err = c.dispatch(q, rt)
	}
	code, out := encodeResult(body, err)
	rec.ErrCode, rec.HTTPStatus = code, http.StatusOK
	if q.dropAnswer {
		c.calls.add(*rec)
		dropConnection(w)
		return
	}
	c.calls.add(*rec)
	if img, ok := body.(pngBody); ok && err == nil { // WeChat answers an image itself, JSON only on error
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(img)
		return
	}
	writeJSON(w, out)
}

func (c *Corp) dispatch(q *call, rt route) (any, error) {
	if q.r.Method != rt.method {
		if rt.method == http.MethodPost {
			return nil, fail(43002)
		}
		return nil, fail(43001)
	}
	if changesCorp(q.api) {
		return c.runJournaled(q, rt)
	}
	return c.run(q, rt)
}

// run calls the handler under the corp's lock, transfers settled first. A
// refused call hands out no id: the ids it drew are given back, so a
// journal replayed without it draws the same ones.
func (c *Corp) run(q *call, rt route) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settleTransfers()
	seq := c.st.seq
	body, err := rt.handle(c, q)
	if err != nil {
		c.st.seq = seq
	}
	return body, err
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
