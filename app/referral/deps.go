// Package referral runs referral campaigns (裂变: 任务宝 and 群裂变).
// Participants share their own mini-program code; an invitee who scans it
// and then adds a guide through the campaign's contact way, or joins a
// group through its join way, is a help for them. Helps are judged from
// every callback fact about the invitee (observations, kept once per
// event), so duplicated and reordered callbacks reach the same verdict;
// the inviter's helps are then settled against the velocity limit and
// reward tiers are granted once each. referral is the only writer of the
// referral_* tables.
package referral

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps the referral tables (app/db's ReferralStore).
type Store interface {
	CreateCampaign(ctx context.Context, c *app.ReferralCampaign) error
	UpdateCampaign(ctx context.Context, c *app.ReferralCampaign) error
	FindCampaign(ctx context.Context, corpID, id int64) (*app.ReferralCampaign, error)
	ListCampaigns(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralCampaign, int64, error)
	// LiveCampaigns are the campaigns whose window, stretched by its hold
	// period, covers at: callbacks then may still change a help.
	LiveCampaigns(ctx context.Context, corpID int64, at time.Time) ([]app.ReferralCampaign, error)
	ReferralFigures(ctx context.Context, corpID, campaignID int64) (*app.ReferralBreakdown, error)
	Participants
	Helps
}

// Participants keeps participants, their scans and the blacklist.
type Participants interface {
	// AddParticipant inserts p unless the campaign has one for its
	// unionid; either way p describes the stored row.
	AddParticipant(ctx context.Context, p *app.ReferralParticipant) (created bool, err error)
	FindParticipant(ctx context.Context, corpID, id int64) (*app.ReferralParticipant, error)
	ParticipantByScene(ctx context.Context, corpID int64, scene string) (*app.ReferralParticipant, error)
	ParticipantOf(ctx context.Context, corpID, campaignID int64, unionid string) (*app.ReferralParticipant, error)
	// ParticipationsOf are unionid's participations, in every campaign.
	ParticipationsOf(ctx context.Context, corpID int64, unionid string) ([]app.ReferralParticipant, error)
	ListParticipants(ctx context.Context, corpID, campaignID int64, p app.Page) ([]app.ReferralParticipant, int64, error)
	// LockParticipant takes the participant's row lock for the
	// transaction ctx carries: one evaluation of their helps at a time.
	LockParticipant(ctx context.Context, corpID, id int64) error
	CountVisit(ctx context.Context, corpID, id int64, shares bool) error
	// AddPending records the invitee's first scan in the campaign; a
	// later scan, through anyone, changes nothing (created false).
	AddPending(ctx context.Context, p *app.ReferralPending) (created bool, err error)
	PendingOf(ctx context.Context, corpID int64, unionid string) ([]app.ReferralPending, error)
	Blacklisted(ctx context.Context, corpID int64, unionids ...string) (bool, error)
	AddBlacklist(ctx context.Context, corpID int64, unionid, reason, by string) error
	RemoveBlacklist(ctx context.Context, corpID int64, unionid string) error
	ListBlacklist(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralBlacklisted, int64, error)
}

// Helps keeps observations, helps and the reward tiers reached.
type Helps interface {
	Observe(ctx context.Context, os []app.ReferralObservation) error
	ObservationsOf(ctx context.Context, corpID int64, externalUserID string) ([]app.ReferralObservation, error)
	HelpsOf(ctx context.Context, corpID, participantID int64) ([]app.ReferralHelp, error)
	// SaveHelps writes helps that are new or changed; SetCounts the
	// participant's counters from their helps.
	SaveHelps(ctx context.Context, hs []app.ReferralHelp) error
	DeleteHelp(ctx context.Context, corpID, campaignID int64, unionid string) error
	SetCounts(ctx context.Context, corpID, participantID int64) (*app.ReferralParticipant, error)
	HelpsByExternal(ctx context.Context, corpID int64, externalUserID string) ([]app.ReferralHelp, error)
	// DueHelps are held helps of the campaign that arrived before
	// cutoff (their hold has passed), in arrival order after after.
	DueHelps(ctx context.Context, corpID, campaignID int64, cutoff time.Time, after *app.ReferralHelp, limit int) ([]app.ReferralHelp, error)
	// HeldCampaigns are the corp's campaigns with helps in their hold;
	// PendingTierParticipants the participants with a tier whose grant
	// was not answered.
	HeldCampaigns(ctx context.Context, corpID int64) ([]int64, error)
	PendingTierParticipants(ctx context.Context, corpID int64) ([]int64, error)
	CountTierRewards(ctx context.Context, corpID, campaignID int64) (int64, error)
	Decide(ctx context.Context, corpID, helpID int64, decision string) (*app.ReferralHelp, error)
	ListHelps(ctx context.Context, f app.ReferralHelpFilter) ([]app.ReferralHelp, int64, error)
	TierRewards(ctx context.Context, corpID, participantID int64) ([]app.ReferralTierReward, error)
	SaveTierReward(ctx context.Context, r *app.ReferralTierReward) (created bool, err error)
	UpdateTierReward(ctx context.Context, r *app.ReferralTierReward) error
}

// Directory reads the mirror of WeCom (app/db's DirectoryStore).
type Directory interface {
	// ExternalsOf are the external_userids the unionid has in the corp,
	// as a customer or as a member of a customer group.
	ExternalsOf(ctx context.Context, corpID int64, unionid string) ([]string, error)
	// UnionIDOf is the unionid of a customer or group member ("": unknown).
	UnionIDOf(ctx context.Context, corpID int64, externalUserID string) (string, error)
	GroupMembersOf(ctx context.Context, corpID int64, chatID string, memberIDs []string) ([]app.GroupMember, error)
	GroupOwner(ctx context.Context, corpID int64, chatID string) (string, error)
	// MirrorContacts are the customer's relations (Kind add, at their add
	// time) and joins of chatIDs (Kind join) as the mirror holds them.
	MirrorContacts(ctx context.Context, corpID int64, externalUserID string, chatIDs []string) ([]app.ReferralObservation, error)
}

// CustomerReader reads a customer who just added a member from WeCom
// (directory's ReadAddedCustomer), so their unionid is known; a read
// another subscriber already made is not repeated.
type CustomerReader interface {
	ReadAddedCustomer(ctx context.Context, corpID int64, userID, externalUserID string, received, at time.Time) error
}

// Rewards hands out one unit of a reward, once per key (app/reward).
type Rewards interface {
	Grant(ctx context.Context, req app.GrantRequest) (*app.RewardGrant, error)
	FindReward(ctx context.Context, corpID, id int64) (*app.Reward, error)
}

// Guides finds the store of each active guide (app/db's OrgStore): a help
// counts for the store of the guide the invitee came to.
type Guides interface {
	ActiveGuides(ctx context.Context, corpID int64, userIDs []string) (map[string]int64, error)
}

// Toucher records touches (app/touch).
type Toucher interface {
	Record(ctx context.Context, ts ...app.Touch) error
}

// Channels finds a friend campaign's contact way (app/channel's store).
type Channels interface {
	FindChannel(ctx context.Context, corpID, id int64) (*app.Channel, error)
}

// WeCom is what a campaign asks of WeCom: a group campaign's one join
// way, or a friend campaign's one 获客链接.
type WeCom interface {
	AddJoinWay(ctx context.Context, jw wecom.JoinWay) (string, error)
	DelJoinWay(ctx context.Context, configID string) error
	GetJoinWay(ctx context.Context, configID string) (*wecom.JoinWay, error)
	CreateAcquisitionLink(ctx context.Context, l wecom.AcquisitionLink) (*wecom.AcquisitionLink, error)
	DeleteAcquisitionLink(ctx context.Context, linkID string) error
}

// Clients gives the WeCom client of a corp.
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// Codes draws a participant's mini-program code (a PNG) whose scene is
// their key.
type Codes interface {
	Code(ctx context.Context, corpID int64, scene string) ([]byte, error)
}

// Deps are what the service needs.
type Deps struct {
	Store    Store
	Tx       app.Transactor
	Dir      Directory
	Reader   CustomerReader
	Channels Channels
	Clients  Clients
	Rewards  Rewards
	Touches  Toucher
	Guides   Guides
	Codes    Codes
	Notices  Notices
	Tasks    Tasks
	Owners   Owners
	// Materials reads a campaign's poster image (nil: the default).
	Materials Materials
	Clock     func() time.Time
}
