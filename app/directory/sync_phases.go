package directory

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

func (s *Service) syncStaff(ctx context.Context, cli WeCom, run *app.SyncRun, cur *syncCursor) error {
	readAt := time.Now().UTC()
	ids, err := cli.FollowUsers(ctx)
	if err != nil {
		return err
	}
	next(run, cur, app.SyncPhaseCustomers)
	s.report(run, app.SyncPhaseStaff, len(ids))
	return s.save(ctx, run, *cur, func(ctx context.Context) error {
		return s.st.ReplaceContactStaff(ctx, run.CorpID, ids, readAt)
	})
}

// memberNames reads the name WeCom shows for each member of a chunk, where
// the app may read members: guides without a name of their own in Siyu
// are shown by it. A member outside the app's visible range, or one WeCom
// no longer knows, is skipped; once WeCom refuses the app member reads
// altogether, the rest of the chunk is not asked (names then come from
// Siyu's guides: import or edit). Read at the start of each chunk of the
// customers phase, so no step makes more than a chunk's calls.
func memberNames(ctx context.Context, cli WeCom, ids []string) (map[string]string, error) {
	names := make(map[string]string, len(ids))
	for _, id := range ids {
		name, err := cli.MemberName(ctx, id)
		switch {
		case err == nil:
			if name != "" {
				names[id] = name
			}
		case errors.Is(err, wecom.ErrMemberOutOfScope), app.ErrorCode(err) == app.ENOTFOUND:
		case app.ErrorCode(err) == app.EFORBIDDEN:
			return names, nil
		default:
			return nil, err
		}
	}
	return names, nil
}

// chunk returns the cur.Chunk-th group of contact members, or nil past
// the last one.
func (s *Service) chunk(ctx context.Context, corpID int64, n int) ([]string, error) {
	ids, err := s.st.ContactStaffIDs(ctx, corpID)
	if err != nil || n*chunkSize >= len(ids) {
		return nil, err
	}
	return ids[n*chunkSize : min((n+1)*chunkSize, len(ids))], nil
}

// advance moves the cursor to WeCom's next cursor, or to the next chunk.
func advance(cur *syncCursor, nextCursor string) {
	cur.Cursor = nextCursor
	if nextCursor == "" {
		cur.Chunk++
	}
}

func (s *Service) syncCustomers(ctx context.Context, cli WeCom, run *app.SyncRun, cur *syncCursor) error {
	users, err := s.chunk(ctx, run.CorpID, cur.Chunk)
	if err != nil {
		return err
	}
	if users == nil {
		next(run, cur, app.SyncPhaseGroups)
		return s.save(ctx, run, *cur, func(context.Context) error { return nil })
	}
	var names map[string]string
	if cur.Cursor == "" { // a chunk's first page
		if names, err = memberNames(ctx, cli, users); err != nil {
			return err
		}
	}
	readAt := time.Now().UTC()
	page, err := cli.BatchCustomers(ctx, users, cur.Cursor, chunkSize)
	if err != nil {
		return err
	}
	customers, follows := fromBatch(run.CorpID, page.Customers, readAt)
	advance(cur, page.NextCursor)
	run.Customers += len(page.Customers)
	run.Follows += len(follows)
	s.report(run, app.SyncPhaseCustomers, len(page.Customers))
	return s.save(ctx, run, *cur, func(ctx context.Context) error {
		if err := s.st.SetStaffNames(ctx, run.CorpID, names); err != nil {
			return err
		}
		if err := s.st.UpsertCustomers(ctx, customers); err != nil {
			return err
		}
		return s.st.UpsertFollows(ctx, follows)
	})
}

func (s *Service) syncGroups(ctx context.Context, cli WeCom, run *app.SyncRun, cur *syncCursor) error {
	owners, err := s.chunk(ctx, run.CorpID, cur.Chunk)
	if err != nil {
		return err
	}
	if owners == nil {
		next(run, cur, app.SyncPhaseTags)
		return s.save(ctx, run, *cur, func(context.Context) error { return nil })
	}
	refs, nextCursor, err := cli.GroupChats(ctx, wecom.GroupChatListRequest{
		OwnerFilter: wecom.OwnerFilter{UseridList: owners}, Cursor: cur.Cursor, Limit: chunkSize})
	if err != nil {
		return err
	}
	chats, err := readGroups(ctx, cli, refs)
	if err != nil {
		return err
	}
	advance(cur, nextCursor)
	run.GroupsSeen += len(chats)
	s.report(run, app.SyncPhaseGroups, len(chats))
	return s.save(ctx, run, *cur, func(ctx context.Context) error {
		for _, c := range chats {
			g, members := groupFromChat(run.CorpID, c.chat, c.readAt)
			if err := s.st.SyncGroup(ctx, g, members, c.readAt); err != nil {
				return err
			}
		}
		return nil
	})
}

type readGroup struct {
	chat   *wecom.GroupChat
	readAt time.Time
}

// readGroups reads each listed group; one dismissed since the list was
// taken is skipped (the sweep or its event records the dismissal).
func readGroups(ctx context.Context, cli WeCom, refs []wecom.GroupChatRef) ([]readGroup, error) {
	var out []readGroup
	for _, r := range refs {
		readAt := time.Now().UTC()
		chat, err := cli.GroupChat(ctx, r.ChatID, true)
		if app.ErrorCode(err) == app.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, readGroup{chat, readAt})
	}
	return out, nil
}

func (s *Service) syncTags(ctx context.Context, cli WeCom, run *app.SyncRun, cur *syncCursor) error {
	groups, err := cli.CorpTags(ctx, nil, nil)
	if err != nil {
		return err
	}
	next(run, cur, app.SyncPhaseSweep)
	s.report(run, app.SyncPhaseTags, len(groups))
	return s.save(ctx, run, *cur, func(ctx context.Context) error {
		return s.st.ReplaceCorpTags(ctx, run.CorpID, tagLibrary(groups), time.Now().UTC())
	})
}

// syncSweep ends what the run did not see: relations and groups Siyu holds
// that WeCom no longer lists (callbacks lost while nothing could store
// them, or changes made before Siyu was connected). What it repaired is
// kept on the run as its drift report.
func (s *Service) syncSweep(ctx context.Context, _ WeCom, run *app.SyncRun, cur *syncCursor) error {
	var repaired map[string]int
	err := s.save(ctx, run, *cur, func(ctx context.Context) error {
		follows, err := s.st.SweepUnsynced(ctx, run.CorpID, run.StartedAt, epoch())
		if err != nil {
			return err
		}
		groups, err := s.st.SweepUnsyncedGroups(ctx, run.CorpID, run.StartedAt, time.Now().UTC())
		if err != nil {
			return err
		}
		repaired = map[string]int{"follows_ended": follows, "groups_dismissed": groups}
		drift, _ := json.Marshal(repaired)
		now := time.Now().UTC()
		run.Status, run.FinishedAt, run.DriftJSON = app.SyncDone, &now, string(drift)
		s.Log.Info("wecom sync done", "run", run.ID, "corp", run.CorpID, "drift", run.DriftJSON,
			"customers", run.Customers, "follows", run.Follows, "groups", run.GroupsSeen)
		return nil
	})
	if err == nil && s.Progress != nil { // counted once committed
		for kind, n := range repaired {
			s.Progress.SyncDrift(kind, n)
		}
	}
	return err
}
