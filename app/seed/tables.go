package seed

import "strings"

// table is a table the generator writes and the columns it fills.
type table struct {
	name string
	cols []string
}

func tbl(name, cols string) table { return table{name: name, cols: strings.Split(cols, ", ")} }

// The tables written, with the columns each generated row fills.
var (
	tBrands   = tbl("brands", "id, corp_id, name, shares_customers, created_at, updated_at")
	tStores   = tbl("stores", "id, corp_id, code, name, kind, brand_id, city, status, created_at, updated_at")
	tGuides   = tbl("guides", "id, corp_id, userid, name, store_id, role, status, created_at, updated_at")
	tStaff    = tbl("staff", "corp_id, userid, name, contact_enabled, created_at, updated_at")
	tChannels = tbl("channels", "id, corp_id, state, name, kind, store_id, config_id, welcome, tag_ids, status, created_at, updated_at")
	tRules    = tbl("attribution_rules", "id, corp_id, scope, version, precedence, share_days, protection_days, acquirer_pct, binding, "+
		"binding_days, cross_store, lookback_days, half_life_days, note, created_by, created_at")
	tCustomers = tbl("customers", "corp_id, external_userid, unionid, name, type, gender, created_at, updated_at")
	tFollows   = tbl("follows", "corp_id, userid, external_userid, remark, add_time, add_way, state, deleted_at, deleted_by, created_at, updated_at")
	tEnds      = tbl("contact_ends", "corp_id, event_key, userid, external_userid, store_id, ended_by, at")
	tOwners    = tbl("customer_owners", "corp_id, scope, external_userid, userid, store_id, channel_id, status, assigned_at, updated_at")
	tTouches   = tbl("touches", "corp_id, kind, source_id, external_userid, member_id, userid, store_id, channel_id, state, self_reported, detail, at, created_at")
	tWelcomes  = tbl("welcome_sends", "corp_id, event_key, userid, external_userid, channel_id, status, fence, error, sent_at, created_at, updated_at")
	tMembers   = tbl("members", "id, corp_id, scope, member_no, unionid, name, gender, tier, points, reg_store_id, reg_channel, home_store_id, "+
		"tags, status, merged_into, created_at, updated_at")
	tOrders = tbl("orders", "id, corp_id, scope, source, kind, order_no, refund_of_id, store_id, guide_code, member_id, member_no, unionid, "+
		"amount_cents, paid_at, content_hash, created_at, updated_at")
	tCredits = tbl("order_credits", "corp_id, order_id, rules_id, model, line, userid, store_id, team, share_bp, amount_cents, explanation, paid_at, computed_at")
	tRFM     = tbl("member_rfm", "corp_id, member_id, scope, recency_days, frequency, monetary_cents, last_order_at, class, stage, computed_at")
	tTasks   = tbl("guide_tasks", "corp_id, userid, store_id, external_userid, kind, title, status, due_at, source, done_at, done_by, done_how, "+
		"created_at, updated_at")
	tSends = tbl("mass_sends", "id, corp_id, name, chat_type, audience_kind, text, send_at, holdout_percent, status, created_by, targeted, "+
		"excluded, holdout, chunks, planned_at, finished_at, created_at, updated_at, tag_groups, attachments, group_selection")
	tChunks     = tbl("mass_send_chunks", "corp_id, send_id, userid, chunk, size, state, msgid, confirmed, settled_at, created_at, updated_at")
	tRecipients = tbl("mass_send_recipients", "corp_id, send_id, external_userid, userid, chunk, excluded, result, planned_at, result_at")
	tSOPs       = tbl("group_sops", "id, corp_id, name, status, selection, steps, next_step_id, catch_up_hours, created_by, created_at, updated_at")
	tFires      = tbl("group_sop_fires", "corp_id, sop_id, step_id, chat_id, occurrence, owner, due_at, status, created_at, done_at")
	tCampaigns  = tbl("referral_campaigns", "id, corp_id, name, kind, status, title, starts_at, ends_at, channel_id, state, chat_ids, tiers, "+
		"hold_hours, rules, created_by, created_at, updated_at")
	tParticipants = tbl("referral_participants", "id, corp_id, campaign_id, unionid, member_id, name, scene, visits, shares, invitees, held, "+
		"credited, review, voided, created_at, updated_at")
	tHelps = tbl("referral_helps", "corp_id, campaign_id, participant_id, invitee_unionid, external_userid, userid, store_id, arrived_at, status, "+
		"reason, credited_at, updated_at")
	tBehavior = tbl("behavior_days", "corp_id, userid, day, chat_cnt, message_cnt, reply_pct_bp, avg_reply_time_x100, negative_feedback_cnt, "+
		"new_apply_cnt, new_contact_cnt, pulled_at")
)
