package compare

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/dbls/dbls/diff"
)

// The rename hint of a schema file: "-- dbls:renamed-from old_name" on the
// line of a CREATE TABLE or of a column definition, or alone on the line
// just before it.
var (
	hintRE        = regexp.MustCompile(`--\s*dbls:renamed-from\s+("(?:[^"]|"")+"|` + "`[^`]+`" + `|[\pL\pN_$]+)`)
	createTableRE = regexp.MustCompile(`(?i)^\s*CREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:UNLOGGED\s+|TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(` + namePart + `(?:\s*\.\s*` + namePart + `)*)`)
	columnRE      = regexp.MustCompile(`^\s*(` + namePart + `)\s+\S`)
)

const namePart = `(?:"(?:[^"]|"")+"|` + "`[^`]+`" + `|[\pL\pN_$]+)`

// constraintWords start a table element that is not a column.
var constraintWords = map[string]bool{"constraint": true, "primary": true, "unique": true, "foreign": true,
	"check": true, "exclude": true, "key": true, "index": true, "fulltext": true, "spatial": true, "like": true}

// FileRenames reads the rename hints of a .sql schema file. It is a line
// reader, not a parser: a hint names the table of the CREATE TABLE it is
// on (or precedes), or the column whose definition line it is on (or
// precedes), within the last CREATE TABLE.
func FileRenames(path string) ([]diff.Rename, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rename hints: %w", err)
	}
	var out []diff.Rename
	table, pending := "", ""
	for _, line := range strings.Split(string(data), "\n") {
		hint := ""
		if m := hintRE.FindStringSubmatch(line); m != nil {
			hint = unquoteName(m[1])
			line = line[:strings.Index(line, m[0])]
		}
		if strings.TrimSpace(line) == "" {
			if hint != "" {
				pending = hint
			}
			continue
		}
		if hint == "" {
			hint, pending = pending, ""
		} else {
			pending = ""
		}
		if m := createTableRE.FindStringSubmatch(line); m != nil {
			parts := splitName(m[1])
			table = parts[len(parts)-1]
			if hint != "" {
				out = append(out, diff.Rename{Table: table, From: hint})
			}
			continue
		}
		if m := columnRE.FindStringSubmatch(line); m != nil && table != "" && hint != "" {
			col := unquoteName(m[1])
			if !constraintWords[strings.ToLower(m[1])] {
				out = append(out, diff.Rename{Table: table, Column: col, From: hint})
			}
		}
	}
	return out, nil
}

// ParseRename reads a --rename flag: "old=new" renames a table,
// "table.old=new" a column of table (the table's name in the source).
func ParseRename(s string) (diff.Rename, error) {
	left, to, ok := strings.Cut(s, "=")
	to = strings.TrimSpace(to)
	if !ok || to == "" || strings.TrimSpace(left) == "" {
		return diff.Rename{}, fmt.Errorf("rename %q: want OLD=NEW for a table or TABLE.OLD=NEW for a column", s)
	}
	if table, col, ok := strings.Cut(left, "."); ok {
		if table == "" || col == "" {
			return diff.Rename{}, fmt.Errorf("rename %q: want TABLE.OLD=NEW for a column", s)
		}
		return diff.Rename{Table: table, Column: to, From: col}, nil
	}
	return diff.Rename{Table: to, From: left}, nil
}

func splitName(s string) []string {
	var parts []string
	for _, m := range regexp.MustCompile(namePart).FindAllString(s, -1) {
		parts = append(parts, unquoteName(m))
	}
	return parts
}

func unquoteName(s string) string {
	switch {
	case len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"':
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	case len(s) >= 2 && s[0] == '`' && s[len(s)-1] == '`':
		return s[1 : len(s)-1]
	}
	return s
}
