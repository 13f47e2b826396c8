package db

import (
	"context"
)

// CustomerNames returns the names WeCom gave the customers of
// externalUserIDs, by external_userid; customers Siyu has no name of are
// absent. Lists that show many customers (a transfer's) read them at once.
func (s *DirectoryStore) CustomerNames(ctx context.Context, corpID int64, externalUserIDs []string) (map[string]string, error) {
	out, err := s.namesIn(ctx, "customers", "external_userid", corpID, externalUserIDs)
	return out, domainError(err, "客户")
}

// GroupNames returns the names of the group chats of chatIDs, by chat_id;
// groups without a name are absent.
func (s *DirectoryStore) GroupNames(ctx context.Context, corpID int64, chatIDs []string) (map[string]string, error) {
	out, err := s.namesIn(ctx, "customer_groups", "chat_id", corpID, chatIDs)
	return out, domainError(err, "客户群")
}

// namesIn reads the name column of table's rows whose key is one of keys,
// 500 keys a query.
func (s *DirectoryStore) namesIn(ctx context.Context, table, key string, corpID int64, keys []string) (map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(keys); start += 500 {
		var rows []struct {
			K    string // the key
			Name string
		}
		err := s.db.with(ctx).Table(table).Select(key+" AS k, name").
			Where("corp_id = ? AND "+key+" IN ? AND name <> ''", corpID, keys[start:min(start+500, len(keys))]).Find(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.K] = r.Name
		}
	}
	return out, nil
}
