package wecom

import (
	"context"

	"github.com/silenceper/wechat/v2/work/externalcontact"
)

const apiUserBehavior = "externalcontact/get_user_behavior_data"

// Statistics types, the SDK's own.
type (
	// UserBehaviorRequest selects members or departments (≤ 100 each) and a
	// span of days (Unix seconds).
	UserBehaviorRequest = externalcontact.GetUserBehaviorRequest
	// BehaviorData is one day of contact statistics, summed over the
	// selected members.
	BehaviorData = externalcontact.BehaviorData
)

// UserBehaviorData returns contact statistics per day.
func (c *Client) UserBehaviorData(ctx context.Context, req UserBehaviorRequest) ([]BehaviorData, error) {
	var out []BehaviorData
	err := c.call(ctx, apiUserBehavior, true, func(s *session) (err error) {
		out, err = s.ext.GetUserBehaviorData(&req)
		return err
	})
	return out, err
}
