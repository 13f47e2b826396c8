package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// MemberStore keeps members, the keys that find them, the possible
// matches waiting for review and the record of every merge. app/member is
// its only writer and calls it inside a transaction.
type MemberStore struct{ db *DB }

// NewMemberStore returns a MemberStore on db.
func NewMemberStore(db *DB) *MemberStore { return &MemberStore{db: db} }

// FindMember returns member id of corpID, merged ones included.
func (s *MemberStore) FindMember(ctx context.Context, corpID, id int64) (*app.Member, error) {
	return findBy[app.Member](ctx, s.db, "members", corpID, "id", id, "会员")
}

// LockMember reads member id for update, so that two merges or upserts of
// one member run one after the other, on any nodes of a Galera cluster
// too (an upsert that finds nothing to change writes no member row).
func (s *MemberStore) LockMember(ctx context.Context, corpID, id int64) (*app.Member, error) {
	var m app.Member
	err := s.db.with(ctx).Table("members").Clauses(clause.Locking{Strength: "UPDATE"}).Where("corp_id = ? AND id = ?", corpID, id).Take(&m).Error
	if err == nil {
		err = s.db.clusterLock(ctx, corpID, "members", []int64{id})
	}
	return &m, domainError(err, "会员")
}

// CreateMember inserts m, filling its ID and times.
func (s *MemberStore) CreateMember(ctx context.Context, m *app.Member) error {
	return domainError(s.db.with(ctx).Table("members").Create(m).Error, "会员")
}

// SaveMember writes every field of m but its identity and creation.
func (s *MemberStore) SaveMember(ctx context.Context, m *app.Member) error {
	m.UpdatedAt = time.Now().UTC()
	err := s.db.with(ctx).Table("members").Where("corp_id = ? AND id = ?", m.CorpID, m.ID).
		Select("*").Omit("id", "corp_id", "created_at").Updates(m).Error
	return domainError(err, "会员")
}

// HoldersOf maps each of values, as a key of kind in scope, to the member
// holding it; values nobody holds are absent.
func (s *MemberStore) HoldersOf(ctx context.Context, corpID, scope int64, kind string, values []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(values) == 0 {
		return out, nil
	}
	var rows []app.MemberIdentity
	err := s.db.with(ctx).Table("member_identities").Where("corp_id = ? AND scope = ? AND kind = ? AND value IN ?", corpID, scope, kind, values).
		Find(&rows).Error
	for _, r := range rows {
		out[r.Value] = r.MemberID
	}
	return out, domainError(err, "会员")
}

// IdentitiesOf lists the keys member id holds.
func (s *MemberStore) IdentitiesOf(ctx context.Context, corpID, memberID int64) ([]app.MemberIdentity, error) {
	var rows []app.MemberIdentity
	err := s.db.with(ctx).Table("member_identities").Where("corp_id = ? AND member_id = ?", corpID, memberID).Order("id").Find(&rows).Error
	return rows, domainError(err, "会员")
}

// AddIdentities inserts keys; a key another member took meanwhile is a
// conflict, which the caller answers by reading again.
func (s *MemberStore) AddIdentities(ctx context.Context, keys []app.MemberIdentity) error {
	if len(keys) == 0 {
		return nil
	}
	return domainError(s.db.with(ctx).Table("member_identities").Create(&keys).Error, "会员标识")
}

// MoveIdentities gives the keys ids of corpID to member to.
func (s *MemberStore) MoveIdentities(ctx context.Context, corpID int64, ids []int64, to int64) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.db.with(ctx).Table("member_identities").Where("corp_id = ? AND id IN ?", corpID, ids).Update("member_id", to).Error
	return domainError(err, "会员标识")
}

// OpenReview inserts r unless the same pair and key was asked about
// before, whatever became of it; created says which. Two writers asking
// at once clash on the unique key, a conflict the caller reruns.
func (s *MemberStore) OpenReview(ctx context.Context, r *app.MemberReview) (bool, error) {
	var n int64
	err := s.db.with(ctx).Table("member_reviews").Where("corp_id = ? AND member_id = ? AND other_id = ? AND kind = ?",
		r.CorpID, r.MemberID, r.OtherID, r.Kind).Count(&n).Error
	if err != nil || n > 0 {
		return false, domainError(err, "待审核匹配")
	}
	return true, domainError(s.db.with(ctx).Table("member_reviews").Create(r).Error, "待审核匹配")
}

// DropIdentities deletes the keys ids of corpID: a phone number the
// member no longer has stops finding them.
func (s *MemberStore) DropIdentities(ctx context.Context, corpID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.db.with(ctx).Table("member_identities").Where("corp_id = ? AND id IN ?", corpID, ids).Delete(map[string]any{}).Error
	return domainError(err, "会员标识")
}
