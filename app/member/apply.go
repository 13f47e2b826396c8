package member

// apply sets the attributes the record sent; what it left empty keeps
// what the member holds.
func (u *upsertion) apply() {
	a, set := u.r.attrs, u.r.set
	text := map[string][2]*string{"name": {&u.m.Name, &a.Name}, "tier": {&u.m.Tier, &a.Tier},
		"reg_channel": {&u.m.RegChannel, &a.RegChannel}, "birthday": {&u.m.Birthday, &a.Birthday}, "tags": {&u.m.Tags, &a.Tags}}
	for field, p := range text {
		if set[field] {
			u.set(p[0], *p[1])
		}
	}
	if set["gender"] && u.m.Gender != a.Gender {
		u.m.Gender, u.changed = a.Gender, true
	}
	if set["points"] && u.m.Points != a.Points {
		u.m.Points, u.changed = a.Points, true
	}
	u.setStore("home_store_code", &u.m.HomeStoreID, a.HomeStoreID)
	u.setStore("reg_store_code", &u.m.RegStoreID, a.RegStoreID)
}

func (u *upsertion) setStore(field string, dst **int64, v *int64) {
	if !u.r.set[field] || (*dst != nil && *v == **dst) {
		return
	}
	*dst, u.changed = v, true
}
