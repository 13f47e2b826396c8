package wecom

import (
	"encoding/xml"
	"errors"
	"fmt"
)

// ErrSignature marks a callback whose msg_signature does not match: forged,
// or signed with another corp's token.
var ErrSignature = errors.New("callback signature mismatch")

// envelope is the outer XML of a POSTed callback.
type envelope struct {
	ToUserName string `xml:"ToUserName"`
	AgentID    string `xml:"AgentID"`
	Encrypt    string `xml:"Encrypt"`
}

// OpenCallback verifies the signature of a POSTed callback body and returns
// the decrypted event XML. The signature is checked before any decryption,
// so a forged request costs one SHA-1 and nothing else.
func (c *Crypter) OpenCallback(signature, timestamp, nonce string, body []byte) ([]byte, error) {
	var env envelope
	if err := xml.Unmarshal(body, &env); err != nil || env.Encrypt == "" {
		return nil, fmt.Errorf("%w: envelope without Encrypt", ErrMalformed)
	}
	return c.open(signature, timestamp, nonce, env.Encrypt)
}

// OpenEcho verifies and decrypts the echostr of a URL verification (GET).
func (c *Crypter) OpenEcho(signature, timestamp, nonce, echostr string) ([]byte, error) {
	if echostr == "" {
		return nil, fmt.Errorf("%w: empty echostr", ErrMalformed)
	}
	return c.open(signature, timestamp, nonce, echostr)
}

func (c *Crypter) open(signature, timestamp, nonce, encrypted string) ([]byte, error) {
	if !c.Verify(signature, timestamp, nonce, encrypted) {
		return nil, ErrSignature
	}
	plain, err := c.Decrypt(encrypted)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return plain, nil
}

// SealCallback encrypts and signs event XML the way WeCom delivers it,
// returning the POST body and its msg_signature. The sandbox uses it to
// play WeCom; tests use it to forge nothing but honest deliveries.
func (c *Crypter) SealCallback(plain []byte, timestamp, nonce string) (body []byte, signature string, err error) {
	enc, err := c.Encrypt(plain)
	if err != nil {
		return nil, "", err
	}
	body, err = xml.Marshal(struct {
		XMLName    xml.Name `xml:"xml"`
		ToUserName cdata    `xml:"ToUserName"`
		AgentID    cdata    `xml:"AgentID"`
		Encrypt    cdata    `xml:"Encrypt"`
	}{ToUserName: cdata{c.receiveID}, Encrypt: cdata{enc}})
	return body, c.Signature(timestamp, nonce, enc), err
}

// cdata renders its text inside <![CDATA[...]]> as WeCom does.
type cdata struct {
	Text string `xml:",cdata"`
}
