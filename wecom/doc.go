// Package wecom is Siyu's only door to WeCom and the only importer of the
// silenceper/wechat SDK: callback crypto and decoding into Siyu's own typed
// events, and (with wecom/sandbox) the simulator every test talks to.
package wecom
