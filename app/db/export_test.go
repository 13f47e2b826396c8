package db

// SetCommonTagRows lets a test with a few customers take the list's
// common-tag path too.
func (s *DirectoryStore) SetCommonTagRows(n int64) { s.commonTagRows = n }
