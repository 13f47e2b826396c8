package wecom

import (
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// ErrMalformed marks a callback that is not a well-formed WeCom event.
var ErrMalformed = errors.New("malformed callback")

// rawEvent is the flat union of every field the customer-contact events
// use; numbers are read as text so a blank element is not a decode error.
type rawEvent struct {
	ToUserName     string   `xml:"ToUserName"`
	FromUserName   string   `xml:"FromUserName"`
	CreateTime     string   `xml:"CreateTime"`
	MsgType        string   `xml:"MsgType"`
	Event          string   `xml:"Event"`
	ChangeType     string   `xml:"ChangeType"`
	UserID         string   `xml:"UserID"`
	ExternalUserID string   `xml:"ExternalUserID"`
	State          string   `xml:"State"`
	WelcomeCode    string   `xml:"WelcomeCode"`
	Source         string   `xml:"Source"`
	FailReason     string   `xml:"FailReason"`
	ChatID         string   `xml:"ChatId"`
	UpdateDetail   string   `xml:"UpdateDetail"`
	JoinScene      string   `xml:"JoinScene"`
	QuitScene      string   `xml:"QuitScene"`
	MemChangeCnt   string   `xml:"MemChangeCnt"`
	MemChangeList  []string `xml:"MemChangeList>Item"`
	LastMemVer     string   `xml:"LastMemVer"`
	CurMemVer      string   `xml:"CurMemVer"`
	ID             string   `xml:"Id"`
	TagType        string   `xml:"TagType"`
	StrategyID     string   `xml:"StrategyId"`
}

// ParseEvent decodes a decrypted callback. A known event missing the ids it
// needs is malformed; an event type Siyu does not handle is Unknown.
func ParseEvent(plain []byte) (Event, error) {
	var r rawEvent
	if err := xml.Unmarshal(plain, &r); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	h, err := r.header()
	if err != nil {
		return nil, err
	}
	var e Event
	switch h.Event {
	case EventExternalContact:
		e = r.contactEvent(h)
	case EventExternalChat:
		e = r.chatEvent(h)
	case EventExternalTag:
		e = r.tagEvent(h)
	}
	if e == nil {
		return Unknown{Header: h, Raw: string(plain)}, nil
	}
	return e, validate(e)
}

func (r *rawEvent) header() (Header, error) {
	created, err := strconv.ParseInt(strings.TrimSpace(r.CreateTime), 10, 64)
	if err != nil || created <= 0 {
		return Header{}, fmt.Errorf("%w: CreateTime %q", ErrMalformed, r.CreateTime)
	}
	if r.ToUserName == "" || r.Event == "" {
		return Header{}, fmt.Errorf("%w: ToUserName and Event are required", ErrMalformed)
	}
	return Header{CorpID: r.ToUserName, CreateTime: created, Event: r.Event, ChangeType: r.ChangeType}, nil
}

func (r *rawEvent) contactEvent(h Header) Event {
	switch h.ChangeType {
	case "add_external_contact", "add_half_external_contact":
		return ContactAdded{Header: h, Contact: r.contact(), State: r.State,
			WelcomeCode: r.WelcomeCode, Half: h.ChangeType == "add_half_external_contact"}
	case "edit_external_contact":
		return ContactEdited{Header: h, Contact: r.contact()}
	case "del_external_contact":
		return ContactDeleted{Header: h, Contact: r.contact(), Source: r.Source}
	case "del_follow_user":
		return FollowUserDeleted{Header: h, Contact: r.contact()}
	case "transfer_fail":
		return TransferFailed{Header: h, Contact: r.contact(), FailReason: r.FailReason}
	}
	return nil
}

func (r *rawEvent) chatEvent(h Header) Event {
	switch h.ChangeType {
	case "create":
		return ChatCreated{Header: h, Chat: Chat{r.ChatID}}
	case "update":
		return ChatUpdated{Header: h, Chat: Chat{r.ChatID}, UpdateDetail: r.UpdateDetail,
			JoinScene: atoi(r.JoinScene), QuitScene: atoi(r.QuitScene), MemChangeCnt: atoi(r.MemChangeCnt),
			MemChangeList: r.MemChangeList, LastMemVer: r.LastMemVer, CurMemVer: r.CurMemVer}
	case "dismiss":
		return ChatDismissed{Header: h, Chat: Chat{r.ChatID}}
	}
	return nil
}

func (r *rawEvent) tagEvent(h Header) Event {
	switch h.ChangeType {
	case "create", "update", "delete", "shuffle":
		return TagChanged{Header: h, ID: r.ID, TagType: r.TagType, StrategyID: r.StrategyID}
	}
	return nil
}

func (r *rawEvent) contact() Contact {
	return Contact{UserID: r.UserID, ExternalUserID: r.ExternalUserID}
}

// atoi reads an optional count or scene; WeCom leaves some out or blank.
func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

func validate(e Event) error {
	ids, ok := e.(interface{ missingID() string })
	if !ok {
		return nil
	}
	if missing := ids.missingID(); missing != "" {
		return fmt.Errorf("%w: %s without %s", ErrMalformed, e.Kind(), missing)
	}
	return nil
}

// firstEmpty takes value, name pairs and returns the name of the first
// empty value.
func firstEmpty(pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i]) == "" {
			return pairs[i+1]
		}
	}
	return ""
}

// ParseAs parses a stored event's payload as the event type T a
// subscriber handles; ok is false for an event of another type. A payload
// that cannot be parsed is invalid input, never retried.
func ParseAs[T Event](payload string) (ev T, ok bool, err error) {
	parsed, err := ParseEvent([]byte(payload))
	if err != nil {
		return ev, false, app.Wrap(app.EINVALID, err, "事件内容无法解析")
	}
	ev, ok = parsed.(T)
	return ev, ok, nil
}
