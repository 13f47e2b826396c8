package masssend_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom"
)

// poster is an image material of the world, uploaded when kept.
func (w *world) poster(t *testing.T) *app.Material {
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{9}, 128)...)
	m, err := w.materials.Create(w.ctx, w.s.Corp.ID, app.MaterialInput{Kind: app.MaterialImage, Name: "海报.png", Data: png})
	require.NoError(t, err)
	return m
}

// sendPoster creates a send of text to g1's customers with m attached.
func (w *world) sendPoster(t *testing.T, text string, m *app.Material) *app.MassSend {
	ms, err := w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{Name: text, Text: text,
		Attachments: []app.MassSendAttachment{{MsgType: "image", Image: &app.MassSendMedia{MaterialID: m.ID}}},
		Audience:    app.MassSendAudience{Kind: app.AudienceList, ExternalUserIDs: w.customers["g1"]}})
	require.NoError(t, err)
	return ms
}

// mediaOf is the media the sandbox's send with text attached.
func (w *world) mediaOf(text string) []string {
	for _, m := range w.s.SC.MassSends() {
		if m.Text == text {
			return m.MediaIDs
		}
	}
	return nil
}

// A material is attached by id and given its media_id when the chunk's
// task is created: one uploaded 2.9 days before is uploaded again first
// (WeCom would refuse it three days after its upload, maybe while the
// guides still confirm).
func TestMaterialUploadedAgainBeforeItLapses(t *testing.T) {
	eachStack(t, map[string]int{"g1": 2}, func(t *testing.T, w *world) {
		m := w.poster(t)
		ms := w.sendPoster(t, "双十二海报", m)
		w.s.SC.Advance(70 * time.Hour)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		got := w.mediaOf("双十二海报")
		require.Len(t, got, 1)
		assert.NotEqual(t, m.MediaID, got[0], "uploaded again")
		now, err := w.materials.Find(w.ctx, w.s.Corp.ID, m.ID)
		require.NoError(t, err)
		assert.Equal(t, got[0], now.MediaID, "the new id is kept for the next send")
	})
}

// A media_id WeCom no longer knows (40007) creates nothing: the material
// forgets it, and once the chunk's lease runs out the send is created
// with a fresh upload — one WeCom task.
func TestLostMediaUploadedAgain(t *testing.T) {
	eachStack(t, map[string]int{"g1": 1}, func(t *testing.T, w *world) {
		m := w.poster(t)
		st := db.NewMaterialStore(w.s.DB)
		fence, err := st.ClaimUpload(w.ctx, m, w.s.SC.Now())
		require.NoError(t, err)
		require.NoError(t, st.SetMedia(w.ctx, m, fence, "media-wecom-lost", w.s.SC.Now()))
		ms := w.sendPoster(t, "丢失的素材", m)
		err = w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID)
		require.True(t, errors.Is(err, wecom.ErrInvalidMedia), "%v", err)
		assert.Nil(t, w.mediaOf("丢失的素材"))
		w.later(3 * time.Second) // past the lease and its grace
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		got := w.mediaOf("丢失的素材")
		require.Len(t, got, 1)
		assert.NotEqual(t, "media-wecom-lost", got[0])
		assert.Len(t, w.s.SC.MassSends(), 1, "one WeCom task")
	})
}

// A material that does not exist or is of another kind is refused with
// the send's other faults, at once.
func TestMaterialRefusals(t *testing.T) {
	eachStack(t, map[string]int{"g1": 1}, func(t *testing.T, w *world) {
		m := w.poster(t)
		_, err := w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{Name: "", Text: "x",
			Attachments: []app.MassSendAttachment{{MsgType: "file", File: &app.MassSendMedia{MaterialID: m.ID}},
				{MsgType: "image", Image: &app.MassSendMedia{MaterialID: 999999}}},
			Audience: app.MassSendAudience{Kind: app.AudienceList, ExternalUserIDs: w.customers["g1"]}})
		reasons := map[string]string{}
		for _, f := range app.ErrorFields(err) {
			reasons[f.Field] = f.Reason
		}
		assert.Equal(t, map[string]string{"name": "请填写群发名称（不超过64个字）", "attachments[0]": "素材「海报.png」不是文件",
			"attachments[1]": "素材不存在"}, reasons)
	})
}

// A material gone by the time its chunk is created fails that chunk with
// its reason (no retry could send it) and the send goes on to its end.
func TestMaterialGoneFailsItsChunk(t *testing.T) {
	eachStack(t, map[string]int{"g1": 1}, func(t *testing.T, w *world) {
		m := w.poster(t)
		ms := w.sendPoster(t, "素材已删", m)
		_, err := w.s.DB.SQL().Exec("DELETE FROM materials WHERE id = ?", m.ID)
		require.NoError(t, err)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		assert.Empty(t, w.s.SC.MassSends(), "nothing reached WeCom")
		chunks, err := w.store.ChunksIn(w.ctx, w.s.Corp.ID, ms.ID, app.ChunkFailed)
		require.NoError(t, err)
		require.Len(t, chunks, 1)
		assert.Contains(t, chunks[0].Error, "素材")
	})
}

// A 40007 that no fresh upload cures — here a raw media_id beside the
// material — is retried once, with the material uploaded again, then the
// chunk fails with WeCom's reason: never an endless round of uploads.
func TestRefusedRawMediaFailsAfterOneRetry(t *testing.T) {
	eachStack(t, map[string]int{"g1": 1}, func(t *testing.T, w *world) {
		m := w.poster(t)
		ms, err := w.svc.Create(w.ctx, w.s.Corp.ID, app.MassSendInput{Name: "混合附件", Text: "混合附件",
			Attachments: []app.MassSendAttachment{{MsgType: "image", Image: &app.MassSendMedia{MaterialID: m.ID}},
				{MsgType: "file", File: &app.MassSendMedia{MediaID: "media-never-uploaded"}}},
			Audience: app.MassSendAudience{Kind: app.AudienceList, ExternalUserIDs: w.customers["g1"]}})
		require.NoError(t, err)
		err = w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID)
		require.True(t, errors.Is(err, wecom.ErrInvalidMedia), "%v", err)
		w.later(3 * time.Second)
		require.NoError(t, w.svc.Advance(w.ctx, w.s.Corp.ID, ms.ID))
		chunks, err := w.store.ChunksIn(w.ctx, w.s.Corp.ID, ms.ID, app.ChunkFailed)
		require.NoError(t, err)
		assert.Len(t, chunks, 1, "failed after the one retry a fresh upload allows")
		assert.Len(t, w.s.SC.CallsTo("media/upload_attachment"), 2, "kept, then uploaded again once")
	})
}
