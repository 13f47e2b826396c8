package segment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Sample is one customer of a preview.
type Sample struct {
	ExternalUserID string `json:"external_userid"`
	Name           string `json:"name"`
}

// Preview is what a rule selects now: how many, and a few of them.
type Preview struct {
	Count  int64    `json:"count"`
	Sample []Sample `json:"sample"`
}

// Preview counts and samples what rule selects, without saving anything.
func (s *Service) Preview(ctx context.Context, corpID int64, rule app.SegmentRule) (*Preview, error) {
	cond, err := s.check(ctx, corpID, rule)
	if err != nil {
		return nil, err
	}
	now := s.now()
	n, err := s.Store.CountSegment(ctx, corpID, cond, now)
	var ids []string
	if err == nil {
		ids, err = s.Store.SampleSegment(ctx, corpID, cond, now, 20)
	}
	var names map[string]string
	if err == nil {
		names, err = s.Names.CustomerNames(ctx, corpID, ids)
	}
	p := &Preview{Count: n, Sample: []Sample{}}
	for _, id := range ids {
		p.Sample = append(p.Sample, Sample{ExternalUserID: id, Name: names[id]})
	}
	return p, err
}

// Create saves a segment and materializes its first snapshot.
func (s *Service) Create(ctx context.Context, corpID int64, in Input) (*app.Segment, error) {
	g, err := s.checkInput(ctx, corpID, in)
	if err != nil {
		return nil, err
	}
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.CreateSegment(ctx, g); err != nil {
			return err
		}
		return s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: "segment.create", TargetType: "segment", TargetID: g.ID,
			Detail: map[string]any{"after": map[string]any{"Name": g.Name, "rule": in.Rule, "refresh_hours": g.RefreshHours}}})
	})
	if err != nil {
		return nil, err
	}
	return s.Refresh(ctx, corpID, g.ID)
}

// Refresh materializes segment id anew as its next version, in one
// transaction: the snapshot appears whole or not at all.
func (s *Service) Refresh(ctx context.Context, corpID, id int64) (*app.Segment, error) {
	g, err := s.Store.FindSegment(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	var rule app.SegmentRule
	if err := json.Unmarshal([]byte(g.Rule), &rule); err != nil {
		return nil, fmt.Errorf("segment %d rule: %w", id, err)
	}
	cond, err := s.check(ctx, corpID, rule)
	if err != nil {
		return nil, err
	}
	now := s.now()
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		v, err := s.Store.NextVersion(ctx, corpID, id)
		if err != nil {
			return err
		}
		n, err := s.Store.Materialize(ctx, corpID, id, v, cond, now)
		if err != nil {
			return err
		}
		return s.Store.FinishSnapshot(ctx, corpID, id, v, n, now, keepVersions)
	})
	if err != nil {
		return nil, err
	}
	return s.Store.FindSegment(ctx, corpID, id)
}

// Find returns segment id.
func (s *Service) Find(ctx context.Context, corpID, id int64) (*app.Segment, error) {
	return s.Store.FindSegment(ctx, corpID, id)
}

// List pages the corp's segments.
func (s *Service) List(ctx context.Context, corpID int64, p app.Page) ([]app.Segment, int64, error) {
	return s.Store.ListSegments(ctx, corpID, p)
}

// Members pages the customers of segment id's snapshot version after the
// cursor.
func (s *Service) Members(ctx context.Context, corpID, id int64, version int, after string, limit int) ([]string, error) {
	return s.Store.SnapshotMembers(ctx, corpID, id, version, after, limit)
}

// Versions lists the snapshots of segment id still kept, newest first,
// each with its size: a send planned from an older one keeps reading it
// until it is dropped.
func (s *Service) Versions(ctx context.Context, corpID, id int64) ([]app.SegmentVersion, error) {
	g, err := s.Store.FindSegment(ctx, corpID, id)
	var sizes map[int]int64
	if err == nil {
		sizes, err = s.Store.SnapshotSizes(ctx, corpID, id)
	}
	if err != nil {
		return nil, err
	}
	var out []app.SegmentVersion
	for v := g.Version; v > 0 && v > g.Version-keepVersions; v-- {
		out = append(out, app.SegmentVersion{Version: v, Count: sizes[v]})
	}
	return out, nil
}

// Due lists every corp's segments whose refresh period has passed
// (app/db's SegmentStore).
type Due interface {
	DueSegments(ctx context.Context, now time.Time) ([]app.Segment, error)
}

// RefreshDue refreshes every segment whose period has passed, each in its
// own transaction; one that fails does not stop the others.
func (s *Service) RefreshDue(ctx context.Context) error {
	if s.Due == nil {
		return nil
	}
	gs, err := s.Due.DueSegments(ctx, s.now())
	if err != nil {
		return err
	}
	var errs []error
	for _, g := range gs {
		if _, err := s.Refresh(ctx, g.CorpID, g.ID); err != nil {
			errs = append(errs, fmt.Errorf("segment %d: %w", g.ID, err))
		}
	}
	return errors.Join(errs...)
}
