package wecom

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Event is one decoded WeCom callback. The concrete types below are the
// customer-contact events Siyu acts on; anything else decodes to Unknown,
// which is stored and counted but has no effect.
type Event interface {
	// Head returns the fields every callback carries.
	Head() Header
	// Kind names the event, "event/change_type", for logs and metrics.
	Kind() string
}

// Header is the part of every callback that says who and when.
type Header struct {
	CorpID     string
	CreateTime int64 // unix seconds, WeCom's clock
	Event      string
	ChangeType string
}

// Head returns h; embedding Header gives every event its Head method.
func (h Header) Head() Header { return h }

// Kind is "event/change_type".
func (h Header) Kind() string { return h.Event + "/" + h.ChangeType }

// Time is CreateTime as a UTC time.
func (h Header) Time() time.Time { return time.Unix(h.CreateTime, 0).UTC() }

// Event and change type names, as WeCom spells them.
const (
	EventExternalContact = "change_external_contact"
	EventExternalChat    = "change_external_chat"
	EventExternalTag     = "change_external_tag"
)

// Event kinds (Header.Kind) capabilities subscribe to.
var (
	// KindsContactAdded are a customer adding a member, verified or not.
	KindsContactAdded = []string{EventExternalContact + "/add_external_contact", EventExternalContact + "/add_half_external_contact"}
	// KindChatUpdated is a customer group changing: members joining or
	// leaving, a new owner, name or notice.
	KindChatUpdated = EventExternalChat + "/update"
	// KindTransferFailed is a customer refusing, or a takeover member
	// being full, in a transfer.
	KindTransferFailed = EventExternalContact + "/transfer_fail"
	// KindFollowUserDeleted is a customer deleting the member
	// (del_follow_user): churn.
	KindFollowUserDeleted = EventExternalContact + "/del_follow_user"
	// KindsContactEnded are a relation ending, by either side
	// (del_follow_user, del_external_contact).
	KindsContactEnded = []string{KindFollowUserDeleted, EventExternalContact + "/del_external_contact"}
)

// Contact names the member × customer pair a contact event is about.
type Contact struct {
	UserID         string // the member (staff) userid
	ExternalUserID string // the customer
}

func (c Contact) missingID() string {
	return firstEmpty(c.UserID, "UserID", c.ExternalUserID, "ExternalUserID")
}

// Chat names the customer group a chat event is about.
type Chat struct {
	ChatID string
}

func (c Chat) missingID() string { return firstEmpty(c.ChatID, "ChatId") }

// ContactAdded: a customer added a member (add_external_contact), or was
// added without verification (add_half_external_contact, Half set).
type ContactAdded struct {
	Header
	Contact
	State       string // the contact way's state: Siyu's channel id
	WelcomeCode string // empty when they already chatted
	Half        bool
}

// ContactEdited: a member changed the remark or corp tags of a customer.
type ContactEdited struct {
	Header
	Contact
}

// ContactDeleted: a member deleted a customer (del_external_contact).
// Source is DELETE_BY_TRANSFER when an on-job transfer removed them.
type ContactDeleted struct {
	Header
	Contact
	Source string
}

// FollowUserDeleted: a customer deleted the member (del_follow_user).
type FollowUserDeleted struct {
	Header
	Contact
}

// TransferFailed: a takeover member could not take a customer over.
type TransferFailed struct {
	Header
	Contact
	FailReason string // customer_refused | customer_limit_exceed
}

// ChatCreated, ChatUpdated and ChatDismissed are change_external_chat.
type ChatCreated struct {
	Header
	Chat
}

// ChatUpdated carries what changed in a group; member details come from
// groupchat/get.
type ChatUpdated struct {
	Header
	Chat
	UpdateDetail                       string // add_member | del_member | change_owner | change_name | change_notice
	JoinScene, QuitScene, MemChangeCnt int
	MemChangeList                      []string
	LastMemVer, CurMemVer              string
}

// ChatDismissed: the group was dismissed.
type ChatDismissed struct {
	Header
	Chat
}

// TagChanged is change_external_tag: a corp tag or tag group was created,
// updated, deleted, or a group's tags were reordered (shuffle).
type TagChanged struct {
	Header
	ID, TagType, StrategyID string
}

// Unknown is a callback Siyu does not act on; Raw keeps it for inspection.
type Unknown struct {
	Header
	Raw string
}

// DedupeKey identifies an event by its decrypted content, so a retry that
// WeCom re-encrypted with new random bytes still maps to the same key.
// Fields are hashed in a fixed order, independent of XML whitespace or
// element order.
func DedupeKey(e Event) string {
	b, _ := json.Marshal(struct {
		Kind  string
		Event Event
	}{e.Kind(), e})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
