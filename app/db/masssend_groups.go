package db

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// groupAudience selects, as ext, the live groups an AudienceGroups send's
// selection picks when it is planned: the same filters as a group SOP's
// (owners, owners' stores, group tags, name), read from the group mirror,
// guides and group tag links.
func groupAudience(ms *app.MassSend) (string, []any, error) {
	var sel app.GroupSelection
	if ms.GroupSelection != "" {
		if err := json.Unmarshal([]byte(ms.GroupSelection), &sel); err != nil {
			return "", nil, fmt.Errorf("mass send %d group selection: %w", ms.ID, err)
		}
	}
	q := "SELECT g.chat_id AS ext FROM customer_groups g WHERE g.corp_id = ? AND g.dismissed_at IS NULL"
	args := []any{ms.CorpID}
	if len(sel.Owners) > 0 {
		q += " AND g.owner IN (" + marks(len(sel.Owners)) + ")"
		args = appendAll(args, sel.Owners)
	}
	if len(sel.StoreIDs) > 0 {
		q += " AND EXISTS (SELECT 1 FROM guides s WHERE s.corp_id = g.corp_id AND s.userid = g.owner AND s.store_id IN (" + marks(len(sel.StoreIDs)) + "))"
		args = appendAll(args, sel.StoreIDs)
	}
	if len(sel.TagIDs) > 0 {
		q += " AND " + strings.Replace(groupTagged, "IN ?", "IN ("+marks(len(sel.TagIDs))+")", 1)
		args = appendAll(args, sel.TagIDs)
	}
	if sel.NameContains != "" {
		q += " AND g.name LIKE ? ESCAPE '!'"
		args = append(args, "%"+likeEscape(sel.NameContains)+"%")
	}
	return q, args, nil
}

// marks is n comma-separated placeholders.
func marks(n int) string { return "?" + strings.Repeat(", ?", n-1) }

func appendAll[T any](args []any, vs []T) []any {
	for _, v := range vs {
		args = append(args, v)
	}
	return args
}
