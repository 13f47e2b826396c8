package db

import "github.com/siyu-scrm/siyu/app"

// journeyHoldout is the SQL of a journey fire's status: FireHoldout for a
// customer (named by the expression key) the journey holds out, by the
// mass sends' holdout hash of (customer id, journey id), FirePending for
// everyone else; and its arguments. The same customer is held out of
// every step and occurrence of the journey, while the share stays.
func journeyHoldout(j *app.Journey, key string) (string, []any) {
	if j.HoldoutPercent <= 0 {
		return "?", []any{app.FirePending}
	}
	return "CASE WHEN ((COALESCE((SELECT hc.id FROM customers hc WHERE hc.corp_id = ? AND hc.external_userid = " + key +
			"), 0) * ? + ? * ?) % ?) % 100 < ? THEN ? ELSE ? END",
		[]any{j.CorpID, holdoutMul, j.ID, holdoutSendMul, holdoutMod, j.HoldoutPercent, app.FireHoldout, app.FirePending}
}
