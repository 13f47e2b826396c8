package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// MaterialStore keeps materials (materials); app/material is its only
// writer. Every query is scoped to a corp, and only ContentOf reads the
// file itself.
type MaterialStore struct{ db *DB }

// NewMaterialStore returns a MaterialStore on db.
func NewMaterialStore(db *DB) *MaterialStore { return &MaterialStore{db: db} }

// materialRow is a material with its file, as inserted.
type materialRow struct {
	app.Material
	Content []byte
}

// CreateMaterial inserts m with its file.
func (st *MaterialStore) CreateMaterial(ctx context.Context, m *app.Material, data []byte) error {
	m.CreatedAt = time.Now().UTC()
	row := materialRow{Material: *m, Content: data}
	err := st.db.with(ctx).Table("materials").Create(&row).Error
	m.ID = row.ID
	return domainError(err, "素材")
}

// FindMaterial returns material id of the corp, without its file.
func (st *MaterialStore) FindMaterial(ctx context.Context, corpID, id int64) (*app.Material, error) {
	var m app.Material
	err := st.db.with(ctx).Table("materials").Omit("content").Where("corp_id = ? AND id = ?", corpID, id).Take(&m).Error
	return &m, domainError(err, "素材")
}

// ListMaterials returns a page of the corp's materials, newest first, and
// how many there are.
func (st *MaterialStore) ListMaterials(ctx context.Context, corpID int64, p app.Page) ([]app.Material, int64, error) {
	var total int64
	if err := st.db.with(ctx).Table("materials").Where("corp_id = ?", corpID).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	q := st.db.with(ctx).Table("materials").Omit("content").Where("corp_id = ?", corpID)
	if p.After > 0 {
		q = q.Where("id < ?", p.After)
	}
	var out []app.Material
	err := q.Order("id DESC").Limit(p.Limit).Find(&out).Error
	return out, total, err
}

// ContentOf reads material id's file.
func (st *MaterialStore) ContentOf(ctx context.Context, corpID, id int64) ([]byte, error) {
	var data []byte
	err := st.db.with(ctx).Table("materials").Where("corp_id = ? AND id = ?", corpID, id).Select("content").Row().Scan(&data)
	return data, domainError(err, "素材")
}

// ClaimUpload takes the upload of m for this caller until leaseUntil if
// nobody claimed it since m was read (its fence is unchanged), and
// returns the new fence (0: another instance claimed it first).
func (st *MaterialStore) ClaimUpload(ctx context.Context, m *app.Material, leaseUntil time.Time) (int64, error) {
	res := st.db.with(ctx).Table("materials").Where("corp_id = ? AND id = ? AND fence = ?", m.CorpID, m.ID, m.Fence).
		Updates(map[string]any{"lease_until": leaseUntil.UTC(), "fence": m.Fence + 1})
	if res.Error != nil || res.RowsAffected == 0 {
		return 0, res.Error
	}
	return m.Fence + 1, nil
}

// SetMedia records the upload made under fence and frees the lease.
func (st *MaterialStore) SetMedia(ctx context.Context, m *app.Material, fence int64, mediaID string, at time.Time) error {
	return st.db.with(ctx).Table("materials").Where("corp_id = ? AND id = ? AND fence = ?", m.CorpID, m.ID, fence).
		Updates(map[string]any{"media_id": mediaID, "media_at": at.UTC(), "lease_until": nil}).Error
}

// ForgetMedia drops the media_id of materials WeCom no longer knows —
// used maps each material to the id that was refused, and a material
// holding another by now keeps it — so the next use uploads them again.
func (st *MaterialStore) ForgetMedia(ctx context.Context, corpID int64, used map[int64]string) error {
	for id, mediaID := range used {
		err := st.db.with(ctx).Table("materials").Where("corp_id = ? AND id = ? AND media_id = ?", corpID, id, mediaID).
			Updates(map[string]any{"media_id": "", "media_at": nil}).Error
		if err != nil {
			return err
		}
	}
	return nil
}
