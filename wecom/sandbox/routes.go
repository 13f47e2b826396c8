package sandbox

import "net/http"

// apiRoutes maps API names (paths after /cgi-bin/) to their handlers.
func apiRoutes() map[string]route {
	get, post := http.MethodGet, http.MethodPost
	return map[string]route{
		"gettoken":         {get, authCorpID, (*Corp).apiGetToken},
		"get_jsapi_ticket": {get, authToken, (*Corp).apiGetJSAPITicket},
		"ticket/get":       {get, authToken, (*Corp).apiTicketGet},
		"auth/getuserinfo": {get, authToken, (*Corp).apiGetUserInfo},

		"user/get":  {get, authToken, (*Corp).apiUserGet},
		"agent/get": {get, authToken, (*Corp).apiAgentGet},

		"message/send": {post, authToken, (*Corp).apiMessageSend},

		"media/upload_attachment": {post, authToken, (*Corp).apiUploadAttachment},

		"sns/jscode2session": {get, authMiniApp, (*Corp).apiJSCode2Session},

		"externalcontact/get_follow_user_list": {get, authToken, (*Corp).apiFollowUserList},
		"externalcontact/list":                 {get, authToken, (*Corp).apiList},
		"externalcontact/get":                  {get, authToken, (*Corp).apiGet},
		"externalcontact/batch/get_by_user":    {post, authToken, (*Corp).apiBatchGetByUser},
		"externalcontact/remark":               {post, authToken, (*Corp).apiRemark},

		"externalcontact/get_corp_tag_list": {post, authToken, (*Corp).apiGetCorpTagList},
		"externalcontact/add_corp_tag":      {post, authToken, (*Corp).apiAddCorpTag},
		"externalcontact/edit_corp_tag":     {post, authToken, (*Corp).apiEditCorpTag},
		"externalcontact/del_corp_tag":      {post, authToken, (*Corp).apiDelCorpTag},
		"externalcontact/mark_tag":          {post, authToken, (*Corp).apiMarkTag},

		"externalcontact/groupchat/list": {post, authToken, (*Corp).apiGroupChatList},
		"externalcontact/groupchat/get":  {post, authToken, (*Corp).apiGroupChatGet},

		"externalcontact/groupchat/add_join_way":    {post, authToken, (*Corp).apiAddJoinWay},
		"externalcontact/groupchat/get_join_way":    {post, authToken, (*Corp).apiGetJoinWay},
		"externalcontact/groupchat/update_join_way": {post, authToken, (*Corp).apiUpdateJoinWay},
		"externalcontact/groupchat/del_join_way":    {post, authToken, (*Corp).apiDelJoinWay},

		"externalcontact/customer_acquisition/create_link": {post, authToken, (*Corp).apiCreateLink},
		"externalcontact/customer_acquisition/get":         {post, authToken, (*Corp).apiGetLink},
		"externalcontact/customer_acquisition/update_link": {post, authToken, (*Corp).apiUpdateLink},
		"externalcontact/customer_acquisition/delete_link": {post, authToken, (*Corp).apiDeleteLink},

		"externalcontact/add_contact_way":    {post, authToken, (*Corp).apiAddContactWay},
		"externalcontact/get_contact_way":    {post, authToken, (*Corp).apiGetContactWay},
		"externalcontact/list_contact_way":   {post, authToken, (*Corp).apiListContactWay},
		"externalcontact/update_contact_way": {post, authToken, (*Corp).apiUpdateContactWay},
		"externalcontact/del_contact_way":    {post, authToken, (*Corp).apiDelContactWay},
		"externalcontact/close_temp_chat":    {post, authToken, (*Corp).apiCloseTempChat},
		"externalcontact/send_welcome_msg":   {post, authToken, (*Corp).apiSendWelcomeMsg},

		"externalcontact/add_msg_template":         {post, authToken, (*Corp).apiAddMsgTemplate},
		"externalcontact/get_groupmsg_list_v2":     {post, authToken, (*Corp).apiGroupMsgListV2},
		"externalcontact/get_groupmsg_task":        {post, authToken, (*Corp).apiGroupMsgTask},
		"externalcontact/get_groupmsg_send_result": {post, authToken, (*Corp).apiGroupMsgSendResult},
		"externalcontact/remind_groupmsg_send":     {post, authToken, (*Corp).apiRemindGroupMsgSend},
		"externalcontact/cancel_groupmsg_send":     {post, authToken, (*Corp).apiCancelGroupMsgSend},

		"externalcontact/transfer_customer":          {post, authToken, (*Corp).apiTransferCustomer},
		"externalcontact/transfer_result":            {post, authToken, (*Corp).apiTransferResult},
		"externalcontact/resigned/transfer_customer": {post, authToken, (*Corp).apiResignedTransferCustomer},
		"externalcontact/resigned/transfer_result":   {post, authToken, (*Corp).apiResignedTransferResult},
		"externalcontact/get_unassigned_list":        {post, authToken, (*Corp).apiGetUnassignedList},
		"externalcontact/groupchat/transfer":         {post, authToken, (*Corp).apiGroupChatTransfer},
		"externalcontact/groupchat/onjob_transfer":   {post, authToken, (*Corp).apiGroupChatOnJobTransfer},

		"externalcontact/get_user_behavior_data": {post, authToken, (*Corp).apiUserBehaviorData},
	}
}
