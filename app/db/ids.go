package db

import "slices"

// uniq returns ids sorted without duplicates or blanks.
func uniq(ids []string) []string {
	out := slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == "" })
	slices.Sort(out)
	return slices.Compact(out)
}
