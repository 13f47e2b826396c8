package channel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
)

// redirectRefused is a redirect the QR download did not follow.
type redirectRefused struct{ to string }

func (e redirectRefused) Error() string { return "redirect to " + e.to + " refused" }

// whyNotAllowed says in words why u may not be fetched, "" when it may.
// A URL on a sandbox address other than the current one is named as such:
// a sandbox started again on another port no longer serves what the last
// one handed out, which is not a matter of qr_hosts.
func (o QROptions) whyNotAllowed(u *url.URL) string {
	switch {
	case u.User != nil:
		return "企业微信返回的二维码地址带有用户名或密码，拒绝下载"
	case o.allowed(u):
		return ""
	}
	if base := o.baseOn(u, func(b *url.URL) bool { return b.Host == u.Host }); base != "" {
		return fmt.Sprintf("二维码地址 %s 不在沙箱地址 %s 之下，不在允许下载的域名内", u.Redacted(), base)
	}
	if base := o.baseOn(u, func(b *url.URL) bool { return b.Hostname() == u.Hostname() }); base != "" {
		return fmt.Sprintf("二维码地址 %s://%s 不是当前运行的沙箱 %s：它多半是之前运行的沙箱给的，那个沙箱已经停止（沙箱每次启动可能换端口；把 sandbox.addr 设为固定端口可避免）",
			u.Scheme, u.Host, base)
	}
	if u.Scheme != "https" {
		return fmt.Sprintf("二维码地址 %s://%s 不是 https，不在允许下载的域名内（只允许 https 的 channels.qr_hosts：%s）",
			u.Scheme, u.Host, strings.Join(o.Hosts, "、"))
	}
	return fmt.Sprintf("二维码地址的域名 %s 不在允许下载的域名内（channels.qr_hosts：%s）", u.Hostname(), strings.Join(o.Hosts, "、"))
}

// baseOn returns the first of Bases that same says shares u's address.
func (o QROptions) baseOn(u *url.URL, same func(base *url.URL) bool) string {
	for _, b := range o.Bases {
		if base, err := url.Parse(b); err == nil && same(base) {
			return strings.TrimRight(b, "/")
		}
	}
	return ""
}

// whyUnreachable says in words why fetching from u failed.
func whyUnreachable(u *url.URL, err error) string {
	var redirect redirectRefused
	var dns *net.DNSError
	var timeout interface{ Timeout() bool }
	why := "网络错误"
	switch {
	case errors.As(err, &redirect):
		return fmt.Sprintf("无法从企业微信下载二维码图片：%s 重定向到了不允许下载的地址 %s", u.Host, redirect.to)
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "连接被拒绝，那里没有服务在运行"
	case errors.As(err, &dns):
		why = "域名无法解析"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &timeout) && timeout.Timeout():
		why = "超时未应答"
	}
	return fmt.Sprintf("无法从企业微信下载二维码图片：%s %s，请稍后再试", u.Host, why)
}
