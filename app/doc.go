// Package app holds Siyu's domain: the types every capability shares, the
// error type with its codes, and context helpers. It imports no web
// framework, ORM, queue or WeCom SDK, so capability packages can depend on
// it without dragging infrastructure along.
package app
