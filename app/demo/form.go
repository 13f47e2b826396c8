package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// ActForm fires the action called name with the parameters of a submitted
// form (fields named like the parameters, empty ones left out) and says
// in words what happened, including a callback Siyu did not take on its
// first delivery (waiting up to FirstOutcomeWait to know).
func (d *Demo) ActForm(ctx context.Context, name string, form url.Values) (string, error) {
	params, err := formParams(name, form)
	if err != nil {
		return "", err
	}
	acted, err := d.sb.Fire(d.corp.ID(), name, params)
	if err != nil {
		return "", err
	}
	msg := "已执行 " + name + "，回调已发往 Siyu"
	if refused := d.awaitFirst(ctx, acted.Events); len(refused) > 0 {
		msg = "已执行 " + name + "，但 Siyu 未接收其回调（" + refused[0].Reason + "）"
	}
	if m, ok := acted.Result.(map[string]any); ok {
		for _, k := range []string{"external_userid", "chat_id", "group_id", "tag_id"} {
			if v, ok := m[k].(string); ok && v != "" {
				msg += fmt.Sprintf("（%s = %s）", k, v)
			}
		}
	}
	return msg, nil
}

// formParams turns text fields into the action's JSON parameters: numbers
// as numbers, checkboxes as booleans, lists split on commas; the sandbox
// checks the rest.
func formParams(name string, form url.Values) ([]byte, error) {
	var action *sandbox.Action
	for _, a := range sandbox.Actions() {
		if a.Name == name {
			action = &a
		}
	}
	if action == nil {
		return nil, &sandbox.ArgError{Message: "未知动作 " + name}
	}
	params := map[string]any{}
	for _, p := range action.Params {
		v := strings.TrimSpace(form.Get(p.Name))
		if v == "" {
			continue
		}
		switch p.Kind {
		case sandbox.ParamInt:
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, &sandbox.ArgError{Message: fmt.Sprintf("%s 应为整数", p.Name)}
			}
			params[p.Name] = n
		case sandbox.ParamBool:
			params[p.Name] = v == "on" || v == "true" || v == "1"
		case sandbox.ParamList:
			params[p.Name] = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' || r == ' ' })
		default:
			params[p.Name] = v
		}
	}
	return json.Marshal(params)
}
