package channel

import (
	"context"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// check validates c alone and against the corp, and refuses it with every
// field at fault at once, so a form shows all its mistakes together.
func (s *Service) check(ctx context.Context, c *app.Channel) error {
	alone := Validate(c)
	refs := s.checkRefs(ctx, c)
	if refs != nil && app.ErrorCode(refs) != app.EINVALID {
		return refs
	}
	return append(app.Fields(app.ErrorFields(alone)), app.ErrorFields(refs)...).Err()
}

// checkRefs checks c against the corp: its store is open, its guides and
// backup are active (and of its store, when it has one), its tags are in
// the corp's tag library. Every refusal names its field.
func (s *Service) checkRefs(ctx context.Context, c *app.Channel) error {
	var f app.Fields
	if err := s.checkStore(ctx, &f, c); err != nil {
		return err
	}
	guides, err := s.Org.ActiveGuides(ctx, c.CorpID, append(memberIDs(c), c.BackupUserID))
	if err != nil {
		return err
	}
	for i, m := range c.Members {
		checkGuide(&f, c, guides, "members["+strconv.Itoa(i)+"].userid", m.UserID)
	}
	if c.BackupUserID != "" {
		checkGuide(&f, c, guides, "backup_userid", c.BackupUserID)
	}
	live, err := s.Tags.LiveTags(ctx, c.CorpID, c.TagIDs)
	if err != nil {
		return err
	}
	for i, id := range c.TagIDs {
		f.Check(!live[id], "tag_ids["+strconv.Itoa(i)+"]", "标签 "+id+" 不在企业标签库中")
	}
	return f.Err()
}

// checkStore checks the channel's store exists and is open; a store code
// belongs to a physical store, the online team having codes of its own.
func (s *Service) checkStore(ctx context.Context, f *app.Fields, c *app.Channel) error {
	if c.StoreID == nil {
		return nil
	}
	store, err := s.Org.FindStore(ctx, c.CorpID, *c.StoreID)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		f.Add("store_id", "门店不存在")
	case err != nil:
		return err
	case store.Status != app.StoreOpen:
		f.Add("store_id", "门店 "+store.Name+" 已关闭")
	case c.Kind == app.ChannelStore && store.Kind != app.StoreKindStore:
		f.Add("store_id", "门店活码应属于实体门店；线上团队请用线上活码")
	}
	return nil
}

// checkGuide refuses userID unless it is an active guide, of c's store
// when c has one.
func checkGuide(f *app.Fields, c *app.Channel, guides map[string]int64, field, userID string) {
	store, ok := guides[userID]
	switch {
	case !ok:
		f.Add(field, "导购 "+userID+" 不是在职导购")
	case c.StoreID != nil && store != *c.StoreID:
		f.Add(field, "导购 "+userID+" 不属于该门店")
	}
}

func memberIDs(c *app.Channel) []string {
	ids := make([]string, len(c.Members))
	for i, m := range c.Members {
		ids[i] = m.UserID
	}
	return ids
}

// ValidateChannel checks c as CreateChannel and UpdateChannel would,
// writing nothing: a form that could not read some of its fields still
// shows every other refusal with them.
func (s *Service) ValidateChannel(ctx context.Context, c *app.Channel) error { return s.check(ctx, c) }
