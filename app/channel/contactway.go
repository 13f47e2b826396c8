package channel

import (
	"crypto/rand"
	"encoding/base32"
	"strings"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Contact way settings every channel uses.
const (
	typeSingle = 1 // one member: a guide's own code
	typeMulti  = 2 // several members: WeCom picks one per scan
	sceneQR    = 2 // a QR code (scene 1 is a mini-program button)
)

// stateCode is a fresh channel code: "c" and 16 base32 letters, 80 random
// bits, so a collision (retried anyway) is practically never met, and it
// stays well inside WeCom's 30-character state.
func stateCode() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "c" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// remark is the contact way's remark, which WeCom caps at 30 characters:
// the channel's name, cut.
func remark(c *app.Channel) string {
	r := []rune(c.Name)
	if len(r) > 30 {
		r = r[:30]
	}
	return string(r)
}

func wayType(c *app.Channel) int {
	if c.Kind == app.ChannelGuide {
		return typeSingle
	}
	return typeMulti
}

// addRequest is the add_contact_way call for c routing to users.
func addRequest(c *app.Channel, users []string) wecom.AddContactWayRequest {
	return wecom.AddContactWayRequest{Type: wayType(c), Scene: sceneQR, Remark: remark(c), SkipVerify: c.SkipVerify,
		State: c.State, User: users}
}

// updateRequest is the update_contact_way call that makes c's contact way
// route to users. WeCom overwrites what the call carries, so it always
// carries every setting Siyu owns, never only the one that changed.
func updateRequest(c *app.Channel, users []string) wecom.UpdateContactWayRequest {
	return wecom.UpdateContactWayRequest{ConfigID: c.ConfigID, Remark: remark(c), SkipVerify: c.SkipVerify,
		State: c.State, User: users}
}

// gone reports that WeCom no longer knows the contact way (41044: invalid
// config_id), as after a delete that succeeded but was not recorded.
func gone(err error) bool { return wecom.ErrCode(err) == 41044 }

// refused reports that WeCom answered err with an errcode, so it surely
// did not act on the call; any other failure (a timeout, a dropped
// connection) leaves open whether it did.
func refused(err error) bool { return wecom.ErrCode(err) != 0 }

// joinIDs is the routed_to form of a member list.
func joinIDs(ids []string) string { return strings.Join(ids, ",") }
