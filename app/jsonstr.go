package app

// AppendJSONString appends s to b as a JSON string: quotes, backslashes
// and control characters escaped, the rest (UTF-8) as it is. Recomputing
// credit writes millions of small JSON texts, where encoding/json's
// reflection was a large share of the time.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
