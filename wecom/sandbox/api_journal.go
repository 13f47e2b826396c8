package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// changesCorp reports whether an API call changes the corp in a way later
// calls and actions depend on: contact ways and 获客链接 a customer adds through, tags
// marked on customers, mass sends members confirm, transfers customers
// refuse, the 公众号's QR codes people scan and template messages, and the
// ids each of them draws. With Options.OnAction set these
// are heard like actions, so a journal replays them too. Left out:
// tokens, tickets and sign-in codes (fetched again after a restart) and
// send_welcome_msg, whose welcome code is single-use, random and valid
// for seconds, so it can never be sent again.
func changesCorp(api string) bool {
	switch api {
	case "externalcontact/add_contact_way", "externalcontact/update_contact_way", "externalcontact/del_contact_way",
		"externalcontact/add_corp_tag", "externalcontact/edit_corp_tag", "externalcontact/del_corp_tag",
		"externalcontact/mark_tag", "externalcontact/remark",
		"externalcontact/add_msg_template", "externalcontact/remind_groupmsg_send", "externalcontact/cancel_groupmsg_send",
		"externalcontact/transfer_customer", "externalcontact/resigned/transfer_customer",
		"externalcontact/groupchat/transfer", "externalcontact/groupchat/onjob_transfer",
		"externalcontact/groupchat/add_join_way", "externalcontact/groupchat/update_join_way", "externalcontact/groupchat/del_join_way",
		"externalcontact/customer_acquisition/create_link", "externalcontact/customer_acquisition/update_link",
		"externalcontact/customer_acquisition/delete_link",
		"qrcode/create", "message/template/send":
		return true
	}
	return false
}

// runJournaled runs a call that changes the corp. With OnAction set it
// holds the lock actions hold and reports the call when it succeeded, so
// the journal lists calls and actions in the order they applied: a
// replay then draws the same ids in the same order.
func (c *Corp) runJournaled(q *call, rt route) (any, error) {
	hear := c.sb.opts.OnAction
	if hear == nil {
		return c.run(q, rt)
	}
	c.sb.acting.Lock()
	defer c.sb.acting.Unlock()
	at := c.Now()
	body, err := c.run(q, rt)
	if err == nil {
		hear(Fired{Corp: c.ID(), API: q.api, Params: compact(q.body), Base: q.base, At: at, Offset: c.Now().Sub(time.Now())})
	}
	return body, err
}

// replayAPI applies a recorded API call again at its recorded time, on
// the address it first came in on (which the qr_code of a contact way
// names).
func (c *Corp) replayAPI(f Fired) error {
	rt, ok := c.sb.routes[f.API]
	if !ok || !changesCorp(f.API) {
		return fmt.Errorf("sandbox: API %q is not one a journal replays", f.API)
	}
	r, err := http.NewRequest(rt.method, strings.TrimRight(f.Base, "/")+"/cgi-bin/"+f.API, nil)
	if err != nil {
		return fmt.Errorf("sandbox: replay %s: %w", f.API, err)
	}
	c.clock.Set(f.At)
	_, err = c.run(&call{api: f.API, r: r, body: f.Params, base: f.Base, replay: true}, rt)
	return err
}
