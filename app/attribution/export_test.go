package attribution

// SetBatchSize makes a run's batches n orders, so that a test's small
// chain spans many of them.
func (s *Service) SetBatchSize(n int) { s.batch = n }
