package db

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// HoldoutArms lists the customers of the corp's mass sends (kind
// app.UpliftMassSend) or journeys (app.UpliftJourney) with a holdout,
// planned or fired in [from, to): for a send, each customer planned
// (treated) or held out, at its planning time; for a journey, each
// customer's earliest fire of each status in the period, a holdout fire
// held out and any other treated.
func (s *UpliftStore) HoldoutArms(ctx context.Context, corpID int64, kind string, from, to time.Time) ([]app.UpliftArm, error) {
	var subjects []int64
	var err error
	switch kind {
	case app.UpliftMassSend:
		err = s.db.with(ctx).Table("mass_sends").Where("corp_id = ? AND holdout > 0 AND planned_at >= ? AND planned_at < ?", corpID, from.UTC(), to.UTC()).
			Order("id").Pluck("id", &subjects).Error
	case app.UpliftJourney:
		err = s.db.with(ctx).Raw("SELECT j.id FROM journeys j WHERE j.corp_id = ? AND EXISTS (SELECT 1 FROM journey_fires f WHERE f.journey_id = j.id AND f.status = ?) ORDER BY j.id",
			corpID, app.FireHoldout).Scan(&subjects).Error
	default:
		return nil, fmt.Errorf("uplift arms: unknown kind %q", kind)
	}
	if err != nil {
		return nil, domainError(err, "提升测算")
	}
	var out []app.UpliftArm
	for _, id := range subjects {
		if out, err = s.arms(ctx, corpID, kind, id, from, to, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// arms appends subject id's customers to out.
func (s *UpliftStore) arms(ctx context.Context, corpID int64, kind string, id int64, from, to time.Time, out []app.UpliftArm) ([]app.UpliftArm, error) {
	q, args := "SELECT external_userid, excluded, planned_at FROM mass_send_recipients WHERE send_id = ? AND corp_id = ? AND excluded IN ('', ?)",
		[]any{id, corpID, app.ExcludeHoldout}
	held := app.ExcludeHoldout
	if kind == app.UpliftJourney {
		q = "SELECT external_userid, status, MIN(due_at) FROM journey_fires WHERE journey_id = ? AND corp_id = ? AND due_at >= ? AND due_at < ? GROUP BY external_userid, status"
		args, held = []any{id, corpID, from.UTC(), to.UTC()}, app.FireHoldout
	}
	rows, err := s.db.with(ctx).Raw(q, args...).Rows()
	if err != nil {
		return nil, domainError(err, "提升测算")
	}
	defer rows.Close()
	for rows.Next() {
		a := app.UpliftArm{SubjectID: id}
		var arm string
		var at anyTime
		if err := rows.Scan(&a.ExternalUserID, &arm, &at); err != nil {
			return nil, domainError(err, "提升测算")
		}
		a.Holdout, a.At = arm == held, timeOf(at)
		out = append(out, a)
	}
	return out, domainError(rows.Err(), "提升测算")
}
