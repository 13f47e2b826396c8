package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
)

// writeJSON answers like WeCom: HTTP 200 whatever the errcode.
func writeJSON(w http.ResponseWriter, out []byte) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_, _ = w.Write(out)
}

// encodeResult is WeCom's JSON answer: an object led by errcode and
// errmsg, with body's fields after them on success.
func encodeResult(body any, err error) (int, []byte) {
	if err != nil {
		var ae *apiError
		if !errors.As(err, &ae) {
			ae = fail(-1).(*apiError)
		}
		out, _ := json.Marshal(struct {
			ErrCode int    `json:"errcode"`
			ErrMsg  string `json:"errmsg"`
		}{ae.code, ae.msg})
		return ae.code, out
	}
	head := []byte(`{"errcode":0,"errmsg":"ok"`)
	if body == nil {
		return 0, append(head, '}')
	}
	fields, mErr := json.Marshal(body)
	if mErr != nil {
		return encodeResult(nil, fail(-1))
	}
	fields = bytes.TrimPrefix(fields, []byte("{"))
	if len(fields) > 1 {
		head = append(head, ',')
	}
	return 0, append(head, fields...)
}
