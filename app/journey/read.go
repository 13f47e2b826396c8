package journey

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Find returns journey id of corpID.
func (s *Service) Find(ctx context.Context, corpID, id int64) (*app.Journey, error) {
	return s.Store.FindJourney(ctx, corpID, id)
}

// List returns corpID's journeys, of one status when status is set.
func (s *Service) List(ctx context.Context, corpID int64, status string) ([]app.Journey, error) {
	return s.Store.ListJourneys(ctx, corpID, status)
}

// Counts returns how many fires journey id has per status.
func (s *Service) Counts(ctx context.Context, corpID, id int64) (map[string]int64, error) {
	return s.Store.FireCounts(ctx, corpID, id)
}

// Fires returns a page of journey id's fires, of one status when set.
func (s *Service) Fires(ctx context.Context, corpID, id int64, status string, p app.Page) ([]app.JourneyFire, int64, error) {
	if _, err := s.Store.FindJourney(ctx, corpID, id); err != nil {
		return nil, 0, err
	}
	return s.Store.ListFires(ctx, corpID, id, status, p)
}
