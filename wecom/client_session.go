package wecom

import (
	"net/url"

	"github.com/silenceper/wechat/v2/util"
)

// post calls a WeCom endpoint the SDK lacks or models wrongly, through
// the SDK's HTTP helper (so Install's base URL and client apply) and with
// the caller's context. resp must embed util.CommonError.
func (s *session) post(path string, req, resp any) error {
	tok, err := s.GetAccessToken()
	if err != nil {
		return err
	}
	body, err := util.PostJSONContext(s.ctx, DefaultAPIBase+path+"?access_token="+url.QueryEscape(tok), req)
	if err != nil {
		return redact(err)
	}
	return util.DecodeWithError(body, resp, path)
}

// get is post for GET endpoints; query must not carry the token.
func (s *session) get(path string, query url.Values, resp any) error {
	tok, err := s.GetAccessToken()
	if err != nil {
		return err
	}
	q := url.Values{"access_token": {tok}}
	for k, v := range query {
		q[k] = v
	}
	body, err := util.HTTPGetContext(s.ctx, DefaultAPIBase+path+"?"+q.Encode())
	if err != nil {
		return redact(err)
	}
	return util.DecodeWithError(body, resp, path)
}
