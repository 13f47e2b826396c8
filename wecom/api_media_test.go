package wecom_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
)

// An uploaded attachment works in a mass send until its three days run
// out; then add_msg_template refuses it as ErrInvalidMedia (40007), and a
// fresh upload works again. A type WeCom does not take is refused.
func TestUploadAttachment(t *testing.T) {
	ctx := context.Background()
	corp := newCorp(t)
	ids := seedCustomers(t, corp, "guide1", 1)
	c := newClient(t, testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded)), corp)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1}, 64)...)
	id, at, err := c.UploadAttachment(ctx, "image", "海报.png", png)
	require.NoError(t, err)
	assert.NotEmpty(t, id)
	assert.WithinDuration(t, corp.Now(), at, time.Second, "created_at is WeCom's clock")
	send := func(mediaID string) error {
		_, _, err := c.AddMsgTemplate(ctx, wecom.MsgTemplateRequest{Sender: "guide1", ExternalUserID: ids, Text: wecom.MsgText{Content: "新品"},
			Attachments: []*wecom.Attachment{{MsgType: "image", Image: wecom.AttachmentImg{MediaID: mediaID}}}})
		return err
	}
	require.NoError(t, send(id))
	corp.Advance(wecom.MediaTTL + time.Minute)
	err = send(id)
	assert.True(t, errors.Is(err, wecom.ErrInvalidMedia), "%v", err)
	assert.Equal(t, app.EINVALID, app.ErrorCode(err))
	fresh, _, err := c.UploadAttachment(ctx, "image", "海报.png", png)
	require.NoError(t, err)
	require.NoError(t, send(fresh))
	_, _, err = c.UploadAttachment(ctx, "voice", "a.amr", png)
	assert.Equal(t, app.EINVALID, app.ErrorCode(err), "upload_attachment takes image, video or file")
}
