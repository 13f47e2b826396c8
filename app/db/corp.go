package db

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/secret"
)

var _ app.CorpService = (*CorpStore)(nil)

// CorpStore keeps corps, sealing their WeCom credentials with the
// deployment key on the way in and opening them on the way out.
type CorpStore struct {
	db  *DB
	box *secret.Box
}

// NewCorpStore returns a CorpStore on db sealing with box.
func NewCorpStore(db *DB, box *secret.Box) *CorpStore { return &CorpStore{db: db, box: box} }

// corpRow is a corp as stored: the same fields with secrets sealed.
type corpRow struct {
	ID             int64
	CorpID         string
	Name           string
	Timezone       string
	AgentID        string
	ContactSecret  string
	AgentSecret    string
	CallbackToken  string
	EncodingAESKey string `gorm:"column:encoding_aes_key"`
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (corpRow) TableName() string { return "corps" }

// CreateCorp validates and inserts c, filling its ID and timestamps.
func (s *CorpStore) CreateCorp(ctx context.Context, c *app.Corp) error {
	if err := c.Validate(); err != nil {
		return err
	}
	row, err := s.seal(c)
	if err != nil {
		return err
	}
	if err := s.db.with(ctx).Create(row).Error; err != nil {
		return domainError(err, "企业")
	}
	c.ID, c.CreatedAt, c.UpdatedAt = row.ID, row.CreatedAt, row.UpdatedAt
	return nil
}

// UpdateCorpCredentials replaces the agent id and the sealed secrets.
func (s *CorpStore) UpdateCorpCredentials(ctx context.Context, c *app.Corp) error {
	row, err := s.seal(c)
	if err != nil {
		return err
	}
	res := s.db.with(ctx).Model(&corpRow{}).Where("id = ?", c.ID).Updates(map[string]any{
		"agent_id": row.AgentID, "contact_secret": row.ContactSecret, "agent_secret": row.AgentSecret,
		"callback_token": row.CallbackToken, "encoding_aes_key": row.EncodingAESKey, "updated_at": time.Now().UTC(),
	})
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "企业不存在")
	}
	return domainError(res.Error, "企业")
}

// FindCorpByID returns the corp with Siyu's id.
func (s *CorpStore) FindCorpByID(ctx context.Context, id int64) (*app.Corp, error) {
	return s.find(ctx, "id = ?", id)
}

// FindCorpByCorpID returns the corp with WeCom's corpid.
func (s *CorpStore) FindCorpByCorpID(ctx context.Context, corpID string) (*app.Corp, error) {
	return s.find(ctx, "corp_id = ?", corpID)
}

func (s *CorpStore) find(ctx context.Context, where string, arg any) (*app.Corp, error) {
	var row corpRow
	if err := s.db.with(ctx).Where(where, arg).Take(&row).Error; err != nil {
		return nil, domainError(err, "企业")
	}
	return s.open(&row)
}

// ListCorps returns every corp in id order; a deployment has few.
func (s *CorpStore) ListCorps(ctx context.Context) ([]*app.Corp, error) {
	var rows []corpRow
	if err := s.db.with(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, domainError(err, "企业")
	}
	out := make([]*app.Corp, 0, len(rows))
	for i := range rows {
		c, err := s.open(&rows[i])
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (s *CorpStore) seal(c *app.Corp) (*corpRow, error) {
	row := &corpRow{ID: c.ID, CorpID: c.CorpID, Name: c.Name, Timezone: c.Timezone, AgentID: c.AgentID}
	for _, f := range []struct {
		dst   *string
		plain string
	}{
		{&row.ContactSecret, c.ContactSecret}, {&row.AgentSecret, c.AgentSecret},
		{&row.CallbackToken, c.CallbackToken}, {&row.EncodingAESKey, c.EncodingAESKey},
	} {
		sealed, err := s.box.Seal(f.plain)
		if err != nil {
			return nil, app.Wrap(app.EINTERNAL, err, "")
		}
		*f.dst = sealed
	}
	return row, nil
}

func (s *CorpStore) open(row *corpRow) (*app.Corp, error) {
	c := &app.Corp{ID: row.ID, CorpID: row.CorpID, Name: row.Name, Timezone: row.Timezone, AgentID: row.AgentID,
		CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt}
	for _, f := range []struct {
		dst    *string
		sealed string
	}{
		{&c.ContactSecret, row.ContactSecret}, {&c.AgentSecret, row.AgentSecret},
		{&c.CallbackToken, row.CallbackToken}, {&c.EncodingAESKey, row.EncodingAESKey},
	} {
		plain, err := s.box.Open(f.sealed)
		if err != nil {
			return nil, app.Wrap(app.EINTERNAL, fmt.Errorf("corp %s credentials: %w", row.CorpID, err), "")
		}
		*f.dst = plain
	}
	return c, nil
}

// CorpZone returns the corp's IANA time zone name, "" when it has none.
func (s *CorpStore) CorpZone(ctx context.Context, corpID int64) (string, error) {
	var zones []string
	err := s.db.with(ctx).Table("corps").Where("id = ?", corpID).Limit(1).Pluck("timezone", &zones).Error
	if err != nil || len(zones) == 0 {
		return "", domainError(err, "企业")
	}
	return zones[0], nil
}
