package app

// ReferralFigures are a campaign's figures, in whole or for one store or
// guide (participant figures only in whole: a participant is no store's).
type ReferralFigures struct {
	Participants int64
	Visits       int64 // codes scanned: openings of participants' pages
	Shares       int64
	Invitees     int64 // distinct friends who scanned
	Held         int64
	Credited     int64
	Review       int64
	Voided       int64
	VoidedBy     map[string]int64
	CostCents    int64 // rewards granted, at their unit cost
}

// KFactor is invitations per participant × invitation conversion: the
// new friends each participant brought (credited helps per participant).
func (f ReferralFigures) KFactor() float64 { return ratio(f.Credited, f.Participants) }

// ShareReturn is visits from shared pages per share.
func (f ReferralFigures) ShareReturn() float64 { return ratio(f.Visits, f.Shares) }

// CostPerFriend is the reward cost per credited new friend, in cents.
func (f ReferralFigures) CostPerFriend() float64 { return ratio(f.CostCents, f.Credited) }

// Add counts n helps of status (and void reason) into f.
func (f *ReferralFigures) Add(status, reason string, n int64) {
	switch status {
	case HelpHeld:
		f.Held += n
	case HelpCredited:
		f.Credited += n
	case HelpReview:
		f.Review += n
	case HelpVoided:
		f.Voided += n
		if f.VoidedBy == nil {
			f.VoidedBy = map[string]int64{}
		}
		f.VoidedBy[reason] += n
	}
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ReferralBreakdown is a campaign's figures in whole, by store and by
// guide (helps only).
type ReferralBreakdown struct {
	Total   ReferralFigures
	ByStore map[int64]*ReferralFigures  // 0: helps placed in no store
	ByGuide map[string]*ReferralFigures // the guide the invitee came to
}

// VoidReasonNames are the void reasons in Chinese.
var VoidReasonNames = map[string]string{VoidExisting: "老客户（已是好友或已在群）", VoidLeft: "考察期内删除或退群", VoidSelf: "自己邀请自己",
	VoidBlacklist: "黑名单", VoidRejected: "审核驳回"}

// HelpStatusNames are the help states in Chinese.
var HelpStatusNames = map[string]string{HelpHeld: "考察中", HelpCredited: "已计入", HelpReview: "待审核", HelpVoided: "无效"}

// TierStatusNames are the outcomes of a tier reached, in Chinese.
var TierStatusNames = map[string]string{TierPending: "发放中", TierGranted: "已发放", TierOutOfStock: "奖品已发完", TierFailed: "发放失败"}
