// Package reward keeps rewards (奖品) and grants them: coupon codes from a
// pool the brand imports, points credited to the member record (through
// app/member), or a gift the guide hands over in store (a guide task
// through app/todo, handed over when the task is done). A grant is
// idempotent by the caller's key, and stock never goes below zero however
// many grants race for the last unit. reward is the only writer of
// rewards, reward_codes and reward_grants.
package reward

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps rewards, codes and grants (app/db's RewardStore).
type Store interface {
	CreateReward(ctx context.Context, r *app.Reward) error
	FindReward(ctx context.Context, corpID, id int64) (*app.Reward, error)
	ListRewards(ctx context.Context, corpID int64, p app.Page) ([]app.Reward, int64, error)
	SaveReward(ctx context.Context, r *app.Reward) error
	AddStock(ctx context.Context, corpID, id, n int64) error
	TakeStock(ctx context.Context, corpID, id int64) (bool, error)
	Codes
	Grants
}

// Codes are a coupon reward's imported codes.
type Codes interface {
	CodesHeld(ctx context.Context, corpID, rewardID int64, codes []string) (map[string]bool, error)
	AddCodes(ctx context.Context, corpID, rewardID int64, codes []string) (int64, error)
	ClaimCode(ctx context.Context, corpID, rewardID int64, key string) (string, error)
}

// Grants are the units handed out, one per key.
type Grants interface {
	GrantByKey(ctx context.Context, corpID int64, key string) (*app.RewardGrant, error)
	AddGrant(ctx context.Context, g *app.RewardGrant) error
	ListGrants(ctx context.Context, corpID, rewardID int64, p app.Page) ([]app.RewardGrant, int64, error)
}

// Members finds the member a grant names and credits points to members
// once per key (app/member).
type Members interface {
	Find(ctx context.Context, corpID, id int64) (*app.Member, error)
	CreditPoints(ctx context.Context, c app.PointsCredit) (bool, error)
}

// Tasks gives guides tasks, once per kind and source (app/todo).
type Tasks interface {
	CreateTask(ctx context.Context, t *app.GuideTask) (bool, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Service keeps and grants rewards; Audit may be nil.
type Service struct {
	Tx      app.Transactor
	Store   Store
	Members Members
	Tasks   Tasks
	Audit   Auditor
}

var _ app.RewardService = (*Service)(nil)

// FindReward returns reward id of the corp.
func (s *Service) FindReward(ctx context.Context, corpID, id int64) (*app.Reward, error) {
	return s.Store.FindReward(ctx, corpID, id)
}

// ListRewards returns a page of the corp's rewards, newest first.
func (s *Service) ListRewards(ctx context.Context, corpID int64, p app.Page) ([]app.Reward, int64, error) {
	return s.Store.ListRewards(ctx, corpID, p)
}

// ListGrants returns a page of a reward's grants, newest first; a gift's
// shows handed_over once its guide's task is done.
func (s *Service) ListGrants(ctx context.Context, corpID, rewardID int64, p app.Page) ([]app.RewardGrant, int64, error) {
	if _, err := s.Store.FindReward(ctx, corpID, rewardID); err != nil {
		return nil, 0, err
	}
	return s.Store.ListGrants(ctx, corpID, rewardID, p)
}

func (s *Service) audit(ctx context.Context, corpID int64, action string, id int64, detail any) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: action, TargetType: "reward", TargetID: id, Detail: detail})
}
