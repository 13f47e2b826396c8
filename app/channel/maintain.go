package channel

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Maintain is the periodic pass over every corp with channels: finish the
// creates left half-done, then route each multi-guide code to the guides
// available at at. A corp failing (WeCom unreachable, a secret revoked)
// does not hold up the others; their errors are joined.
func (s *Service) Maintain(ctx context.Context, at time.Time) error {
	corps, err := s.Store.CorpsWithChannels(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, corpID := range corps {
		if _, err := s.RecoverChannels(ctx, corpID, at); err != nil {
			errs = append(errs, fmt.Errorf("recover channels of corp %d: %w", corpID, err))
		}
		if err := s.SyncChannelMembers(ctx, corpID, at); err != nil {
			errs = append(errs, fmt.Errorf("route channels of corp %d: %w", corpID, err))
		}
	}
	return errors.Join(errs...)
}
