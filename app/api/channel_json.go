package api

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The JSON shape of the channel API, read and written alike; id, state,
// the contact way and status are set by Siyu and ignored on input.
type channelJSON struct {
	ID           int64                    `json:"id"`
	State        string                   `json:"state"`
	Name         string                   `json:"name"`
	Kind         string                   `json:"kind"`
	StoreID      *int64                   `json:"store_id"`
	ConfigID     string                   `json:"config_id"`
	QRCode       string                   `json:"qr_code"`
	SkipVerify   bool                     `json:"skip_verify"`
	Welcome      welcomeJSON              `json:"welcome"`
	TagIDs       fresh[string]            `json:"tag_ids"`
	DailyCap     int                      `json:"daily_cap"`
	Pick         string                   `json:"pick"`
	BackupUserID string                   `json:"backup_userid"`
	City         string                   `json:"city"`
	Latitude     *int64                   `json:"latitude"`
	Longitude    *int64                   `json:"longitude"`
	Members      fresh[channelMemberJSON] `json:"members"`
	Status       string                   `json:"status"`
	Warnings     []string                 `json:"warnings,omitempty"` // output only
	CreatedAt    time.Time                `json:"created_at"`
	UpdatedAt    time.Time                `json:"updated_at"`
}

type welcomeJSON struct {
	Text        string                       `json:"text"`
	Attachments fresh[app.WelcomeAttachment] `json:"attachments"`
}

type channelMemberJSON struct {
	UserID string           `json:"userid"`
	Shifts fresh[app.Shift] `json:"shifts"`
}

// fresh is a list a PATCH replaces whole. encoding/json decodes an array
// into the elements already there, so a member sent without shifts would
// keep the shifts of whoever held its place before; fresh starts empty.
type fresh[T any] []T

// UnmarshalJSON decodes b into a new list, refusing unknown fields as
// bindJSON does for the body around it.
func (f *fresh[T]) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var out []T
	if err := dec.Decode(&out); err != nil {
		return err
	}
	*f = out
	return nil
}

func toChannel(c app.Channel) channelJSON {
	ms := make(fresh[channelMemberJSON], len(c.Members))
	for i, m := range c.Members {
		ms[i] = channelMemberJSON{UserID: m.UserID, Shifts: append(fresh[app.Shift]{}, m.Shifts...)}
	}
	return channelJSON{ID: c.ID, State: c.State, Name: c.Name, Kind: c.Kind, StoreID: c.StoreID, ConfigID: c.ConfigID,
		QRCode: c.QRCode, SkipVerify: c.SkipVerify, Welcome: welcomeJSON{Text: c.Welcome.Text,
			Attachments: append(fresh[app.WelcomeAttachment]{}, c.Welcome.Attachments...)},
		TagIDs: append(fresh[string]{}, c.TagIDs...), DailyCap: c.DailyCap, Pick: c.Pick, BackupUserID: c.BackupUserID,
		City: c.City, Latitude: c.Latitude, Longitude: c.Longitude, Members: ms, Status: c.Status, Warnings: c.Warnings(),
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

func fromChannel(j channelJSON, corpID, id int64) *app.Channel {
	ms := make([]app.ChannelMember, len(j.Members))
	for i, m := range j.Members {
		ms[i] = app.ChannelMember{UserID: m.UserID, Shifts: m.Shifts}
	}
	return &app.Channel{ID: id, CorpID: corpID, Name: j.Name, Kind: j.Kind, StoreID: j.StoreID, SkipVerify: j.SkipVerify,
		Welcome: app.Welcome{Text: j.Welcome.Text, Attachments: j.Welcome.Attachments}, TagIDs: j.TagIDs,
		DailyCap: j.DailyCap, Pick: j.Pick, BackupUserID: j.BackupUserID, City: j.City, Latitude: j.Latitude,
		Longitude: j.Longitude, Members: ms}
}
