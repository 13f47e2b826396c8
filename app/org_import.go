package app

// ImportReport says what the import of one file did. Rows are numbered as
// a spreadsheet shows them: the header is row 1, so a user can go straight
// to the cell named. Good rows are kept even when others are rejected.
type ImportReport struct {
	Kind      string        `json:"kind"` // "stores" or "guides"
	Rows      int           `json:"rows"` // data rows read (blank rows skipped)
	Created   int           `json:"created"`
	Updated   int           `json:"updated"`
	Unchanged int           `json:"unchanged"` // already as the file says
	Rejected  int           `json:"rejected"`
	Errors    []ImportError `json:"errors"`
}

// ImportError is one reason a row was rejected; Column is the header as
// written in the file, empty when the reason is the row as a whole.
type ImportError struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}
