package org

import "github.com/siyu-scrm/siyu/app"

// SamePool reports whether stores of brands a and b serve one customer
// pool: a customer known to one is known to, and may be assigned by, the
// other. A store without a brand belongs to the corp's shared pool; a brand
// that keeps its customers apart shares them with no other brand.
func SamePool(a, b *app.Brand) bool { return a.Scope() == b.Scope() }
