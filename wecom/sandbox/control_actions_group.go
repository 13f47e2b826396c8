package sandbox

func groupActions() []Action {
	chat := required("chat_id", ParamString, "客户群 chat_id (group)")
	members := required("members", ParamList, "成员 userid 或客户 external_userid (members or customers)")
	return []Action{
		{Name: "join-group", Help: "入群，可带加入方式与 state / people join a group (update add_member)",
			Params: []Param{chat, members, param("join_scene", ParamInt, "1 直接邀请, 2 邀请链接, 3 扫群二维码"),
				param("invitor", ParamString, "邀请人 userid"), param("state", ParamString, "加入群聊渠道 state")},
			run: func(c *Corp, a Args) (any, error) {
				return done(c.JoinGroup(a.str("chat_id"), Join{Members: a.list("members"), JoinScene: a.num("join_scene"),
					Invitor: a.str("invitor"), State: a.str("state")}))
			}},
		{Name: "leave-group", Help: "退群 / people leave a group (update del_member)",
			Params: []Param{chat, members, param("quit_scene", ParamInt, "0 自己退出, 1 被移出")},
			run: func(c *Corp, a Args) (any, error) {
				return done(c.LeaveGroup(a.str("chat_id"), Leave{Members: a.list("members"), QuitScene: a.num("quit_scene")}))
			}},
		{Name: "create-group", Help: "成员建群 / a member creates a group (create)",
			Params: []Param{required("owner", ParamString, "群主 userid"), param("name", ParamString, "群名"),
				param("notice", ParamString, "群公告"), param("admins", ParamList, "群管理员 userid"),
				param("members", ParamList, "首批成员 (first members besides the owner)")},
			run: func(c *Corp, a Args) (any, error) {
				id, err := c.CreateGroup(NewGroup{Owner: a.str("owner"), Name: a.str("name"), Notice: a.str("notice"),
					Admins: a.list("admins"), Members: a.list("members")})
				return map[string]any{"chat_id": id}, err
			}},
		{Name: "rename-group", Help: "修改群名 / rename a group (update change_name)",
			Params: []Param{chat, required("name", ParamString, "新群名")},
			run:    func(c *Corp, a Args) (any, error) { return done(c.RenameGroup(a.str("chat_id"), a.str("name"))) }},
		{Name: "dismiss-group", Help: "解散群 / dismiss a group (dismiss)", Params: []Param{chat},
			run: func(c *Corp, a Args) (any, error) { return done(c.DismissGroup(a.str("chat_id"))) }},
	}
}

func tagActions() []Action {
	return []Action{
		{Name: "tag-group-create", Help: "管理后台新建标签组 / create a tag group in the console",
			Params: []Param{required("name", ParamString, "标签组名"), param("order", ParamInt, "排序"),
				required("tags", ParamList, "标签名 (tag names)")},
			run: func(c *Corp, a Args) (any, error) {
				specs := make([]TagSpec, 0, len(a.list("tags")))
				for _, name := range a.list("tags") {
					specs = append(specs, TagSpec{Name: name})
				}
				g, err := c.ConsoleCreateTagGroup(a.str("name"), a.num("order"), specs...)
				return map[string]any{"group_id": g.GroupID, "tags": g.Tags}, err
			}},
		{Name: "tag-create", Help: "管理后台新建标签 / create a tag in a group",
			Params: []Param{required("group_id", ParamString, "标签组 id"), required("name", ParamString, "标签名"), param("order", ParamInt, "排序")},
			run: func(c *Corp, a Args) (any, error) {
				t, err := c.ConsoleCreateTag(a.str("group_id"), a.str("name"), a.num("order"))
				return map[string]any{"tag_id": t.ID}, err
			}},
		{Name: "tag-edit", Help: "管理后台修改标签或标签组的名字、排序 / rename or reorder a tag or tag group",
			Params: []Param{required("id", ParamString, "标签或标签组 id"), param("name", ParamString, "新名字"), param("order", ParamInt, "新排序")},
			run: func(c *Corp, a Args) (any, error) {
				return done(c.ConsoleEditTag(a.str("id"), a.str("name"), a.intPtr("order")))
			}},
		{Name: "tag-delete", Help: "管理后台删除标签或整个标签组 / delete a tag or a tag group",
			Params: []Param{required("id", ParamString, "标签或标签组 id")},
			run:    func(c *Corp, a Args) (any, error) { return done(c.ConsoleDeleteTag(a.str("id"))) }},
	}
}
