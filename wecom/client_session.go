package wecom

import (
	"bytes"
	"mime/multipart"
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
	uri, err := s.uri(path, query)
	if err != nil {
		return err
	}
	body, err := util.HTTPGetContext(s.ctx, uri)
	if err != nil {
		return redact(err)
	}
	return util.DecodeWithError(body, resp, path)
}

// postFile uploads data as the multipart field "media", as WeCom's media
// endpoints take files, with query beside the token.
func (s *session) postFile(path string, query url.Values, filename string, data []byte, resp any) error {
	uri, err := s.uri(path, query)
	if err != nil {
		return err
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreateFormFile("media", filename)
	if err == nil {
		_, err = part.Write(data)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		return err
	}
	out, err := util.HTTPPostContext(s.ctx, uri, body.Bytes(), map[string]string{"Content-Type": mw.FormDataContentType()})
	if err != nil {
		return redact(err)
	}
	return util.DecodeWithError(out, resp, path)
}

// uri is path on WeCom's API with the session's token and query.
func (s *session) uri(path string, query url.Values) (string, error) {
	tok, err := s.GetAccessToken()
	if err != nil {
		return "", err
	}
	q := url.Values{"access_token": {tok}}
	for k, v := range query {
		q[k] = v
	}
	return DefaultAPIBase + path + "?" + q.Encode(), nil
}
