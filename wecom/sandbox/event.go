package sandbox

import (
	"strconv"
	"strings"
)

// Event is one callback as WeCom composes it, before encryption.
type Event struct {
	// Seq numbers the corp's events in the order they happened.
	Seq int64
	// Event is change_external_contact, change_external_chat or
	// change_external_tag; ChangeType refines it.
	Event      string
	ChangeType string
	CreateTime int64
	// XML is the plaintext message, exactly what the receiver decrypts.
	XML string
	// OA marks an event of the corp's 公众号: sent to its callback URL,
	// signed and sealed its way.
	OA bool
}

// xmlField is one element of an event body.
type xmlField struct {
	name, value string
	bare        bool // a number or nested XML, written without CDATA
}

func text(name, v string) xmlField { return xmlField{name: name, value: v} }

func num(name string, v int64) xmlField {
	return xmlField{name: name, value: strconv.FormatInt(v, 10), bare: true}
}

// items is a list element such as <MemChangeList><Item>a</Item></MemChangeList>.
func items(name string, values []string) xmlField {
	var b strings.Builder
	for _, v := range values {
		b.WriteString("<Item>")
		writeCDATA(&b, v)
		b.WriteString("</Item>")
	}
	return xmlField{name: name, value: b.String(), bare: true}
}

// newEvent composes an event with WeCom's header (FromUserName "sys",
// CreateTime the corp's sandbox time); callers hold c.mu.
func (c *Corp) newEvent(event, changeType string, fields ...xmlField) Event {
	c.st.events++
	ev := Event{Seq: c.st.events, Event: event, ChangeType: changeType, CreateTime: c.Now().Unix()}
	head := []xmlField{
		text("ToUserName", c.cfg.CorpID), text("FromUserName", "sys"),
		num("CreateTime", ev.CreateTime), text("MsgType", "event"),
		text("Event", event), text("ChangeType", changeType),
	}
	ev.XML = composeXML(append(head, fields...))
	return ev
}

// composeXML writes fields as an event body, <xml>…</xml>.
func composeXML(fields []xmlField) string {
	var b strings.Builder
	b.WriteString("<xml>")
	for _, f := range fields {
		b.WriteString("<" + f.name + ">")
		if f.bare {
			b.WriteString(f.value)
		} else {
			writeCDATA(&b, f.value)
		}
		b.WriteString("</" + f.name + ">")
	}
	b.WriteString("</xml>")
	return b.String()
}

// writeCDATA writes v as CDATA, splitting any "]]>" inside it.
func writeCDATA(b *strings.Builder, v string) {
	b.WriteString("<![CDATA[")
	b.WriteString(strings.ReplaceAll(v, "]]>", "]]]]><![CDATA[>"))
	b.WriteString("]]>")
}
