// Package sandbox simulates WeCom (企业微信) for Siyu's tests and demo: the
// customer-contact REST API under /cgi-bin/ and WeChat's mini-program login
// under /sns/, speaking the real wire protocol (URLs, JSON shapes, errcodes,
// pagination and limits as in shared/wecom/REFERENCE.md), plus the callbacks
// WeCom sends when something happens in the WeCom client or admin console.
//
// A Sandbox holds many corps, each with its own state, clock, tokens, limits,
// injected faults and callback queue, so one sandbox per test binary serves
// many tests, each on its own corp. API calls never produce callbacks (as in
// WeCom); the "client-side" actions on *Corp (CustomerAdds, JoinGroup,
// ConsoleCreateTag…) change state and deliver the event, encrypted and signed
// with wecom.Crypter, to the corp's callback URL with WeCom's retry rules.
package sandbox
