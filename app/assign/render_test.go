package assign_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/assign"
	"github.com/siyu-scrm/siyu/app/config"
)

// Every customer-facing template, rendered for guides with and without a
// name, stores with and without one and customers known or not, reads as
// Chinese a customer may receive: no userid, no placeholder left, no
// phrase broken by a missing value.
func TestRenderNeverShowsAUserID(t *testing.T) {
	cfg, err := config.Load("", nil)
	require.NoError(t, err)
	templates := []string{cfg.Assign.DefaultWelcome, welcomeText, defaultWelcome, "亲爱的{客户}，欢迎来到{门店}！我是{导购|店员}",
		"{导购}为您服务"}
	const userid = "guide0101"
	for _, tpl := range templates {
		for _, guide := range []string{"王芳", ""} {
			for _, store := range []string{"徐汇店", ""} {
				for _, customer := range []string{"李女士", ""} {
					got := assign.Render(tpl, map[string]string{"客户": customer, "导购": guide, "门店": store})
					assert.NotContains(t, got, userid, tpl)
					assert.NotContains(t, got, "{", "%q → %q", tpl, got)
					for _, broken := range []string{"您您", "的的", "是的", "我是，", "我是的", "亲爱的，", "，，"} {
						assert.NotContains(t, got, broken, "%q with guide %q store %q customer %q → %q", tpl, guide, store, customer, got)
					}
					for field, v := range map[string]string{"客户": customer, "导购": guide, "门店": store} {
						if v != "" && strings.Contains(tpl, "{"+field) {
							assert.Contains(t, got, v, "a name known is used where the template asks for it")
						}
					}
				}
			}
		}
	}
	assert.Equal(t, "李女士您好，我是徐汇店的王芳，很高兴为您服务！有任何问题随时找我。",
		assign.Render(cfg.Assign.DefaultWelcome, map[string]string{"客户": "李女士", "导购": "王芳", "门店": "徐汇店"}))
	assert.Equal(t, "顾客您好，我是您的专属顾问，很高兴为您服务！有任何问题随时找我。",
		assign.Render(cfg.Assign.DefaultWelcome, map[string]string{}))
}
