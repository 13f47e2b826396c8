package wecom

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/silenceper/wechat/v2/util"
)

// tokenResponse is gettoken's answer.
type tokenResponse struct {
	util.CommonError
	AccessToken string `json:"access_token"`
	ExpiresIn   int64  `json:"expires_in"`
}

// tokenFetchError marks a failure to get a token: the API call itself was
// never sent, so even a call that creates something may be retried.
type tokenFetchError struct{ err error }

func (e *tokenFetchError) Error() string { return "fetch access token: " + e.err.Error() }
func (e *tokenFetchError) Unwrap() error { return e.err }

// fetchToken calls gettoken itself rather than through the SDK's handle,
// which takes no context and flattens the errcode into text.
func fetchToken(ctx context.Context, corpID, secret string) (string, time.Duration, error) {
	tok, ttl, err := getToken(ctx, corpID, secret)
	if err != nil {
		return "", 0, &tokenFetchError{err: err}
	}
	return tok, ttl, nil
}

func getToken(ctx context.Context, corpID, secret string) (string, time.Duration, error) {
	q := url.Values{"corpid": {corpID}, "corpsecret": {secret}}
	body, err := util.HTTPGetContext(ctx, DefaultAPIBase+"/cgi-bin/gettoken?"+q.Encode())
	if err != nil {
		return "", 0, redact(err)
	}
	var res tokenResponse
	if err := util.DecodeWithError(body, &res, "gettoken"); err != nil {
		return "", 0, err
	}
	if res.AccessToken == "" || res.ExpiresIn <= 0 {
		return "", 0, fmt.Errorf("gettoken: answer without token or expiry")
	}
	return res.AccessToken, tokenTTL(time.Duration(res.ExpiresIn) * time.Second), nil
}

// tokenTTL keeps a token a little less than WeCom says it lives — five
// minutes, or a tenth of a short life — so no call carries one that expires
// in flight.
func tokenTTL(expiresIn time.Duration) time.Duration {
	margin := min(5*time.Minute, expiresIn/10)
	return max(expiresIn-margin, time.Second)
}
