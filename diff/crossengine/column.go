package crossengine

import (
	"regexp"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// column translates one column: its type, default and auto-increment; an
// enum becomes text with a CHECK of its labels. ok is false when the type
// has no mapping (the column is left out, with a note).
func (c *converter) column(col schema.Column, where string, enums map[string][]string, isJSON, singlePK bool) (schema.Column, []schema.Check, bool) {
	ct := parse(c.from, col.Type, enums)
	if isJSON && ct.kind == text {
		ct = colType{kind: jsonDoc}
	}
	typ, err := write(c.to, ct)
	if err != nil {
		c.note("column %s.%s: type %s has no mapping to %s; left out", where, col.Name, col.Type, c.to)
		return schema.Column{}, nil, false
	}
	if ct.lossy != "" {
		c.note("column %s.%s: %s", where, col.Name, ct.lossy)
	}
	out := schema.Column{Name: col.Name, Type: typ, Nullable: col.Nullable, Comment: col.Comment}
	auto := col.AutoIncrement || col.Identity != "" || col.Default != nil && strings.HasPrefix(strings.ToLower(*col.Default), "nextval(")
	switch {
	case !auto:
	case c.to == "postgres" && (ct.kind == int16 || ct.kind == int32 || ct.kind == int64 || ct.kind == uint64):
		out.Identity = schema.IdentityByDefault
		if col.Identity == schema.IdentityAlways {
			out.Identity = schema.IdentityAlways
		}
	case c.to == "sqlite" && singlePK && typ == "INTEGER":
		out.AutoIncrement = true
	case c.to == "mysql" && singlePK && (ct.kind == int16 || ct.kind == int32 || ct.kind == int64 || ct.kind == uint64):
		out.AutoIncrement = true
	default:
		c.note("column %s.%s: auto-increment has no counterpart in %s here (only on the single primary-key column of an integer type); left as a plain column", where, col.Name, c.to)
	}
	if col.Default != nil && !auto {
		if d, ok := c.defaultValue(*col.Default, ct); ok {
			out.Default = d
		} else {
			c.note("column %s.%s: default %s has no mapping; left out", where, col.Name, *col.Default)
		}
	}
	if col.OnUpdate != "" {
		c.note("column %s.%s: ON UPDATE %s has no counterpart (it needs a trigger); left out", where, col.Name, col.OnUpdate)
	}
	if col.Generated != nil {
		c.note("column %s.%s: its generation expression is %s SQL; left as a plain column", where, col.Name, c.from)
	}
	if col.Collation != "" && !isJSON {
		c.note("column %s.%s: collation %s is dropped", where, col.Name, col.Collation)
	}
	var checks []schema.Check
	if ct.kind == enum && c.to != "mysql" { // MySQL has enums of its own
		checks = append(checks, schema.Check{Expr: c.quote(col.Name) + " IN (" + labels(ct.values) + ")", Column: col.Name})
	}
	return out, checks, true
}

func labels(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return strings.Join(q, ", ")
}

func (c *converter) quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

var (
	numberRe = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)
	// A string literal, with PostgreSQL's cast after it ('x'::text).
	stringRe = regexp.MustCompile(`^('(?:[^'\\]|''|\\.)*')(?:::[a-z ]+(?:\(\d+(?:,\d+)?\))?(?:\[\])?)?$`)
	nowRe    = regexp.MustCompile(`(?i)^(current_timestamp(\(\))?|now\(\)|localtimestamp|transaction_timestamp\(\))$`)
	todayRe  = regexp.MustCompile(`(?i)^(current_date(\(\))?|curdate\(\))$`)
)

// defaultValue translates a default: NULL, numbers, strings, booleans and
// the current time or date; anything else is an expression in the source's
// SQL and has no mapping.
func (c *converter) defaultValue(d string, ct colType) (*string, bool) {
	d = strings.TrimSpace(d)
	for strings.HasPrefix(d, "(") && strings.HasSuffix(d, ")") { // SQLite keeps the parentheses
		d = strings.TrimSpace(d[1 : len(d)-1])
	}
	val := func(s string) (*string, bool) { return &s, true }
	lower := strings.ToLower(d)
	switch {
	case lower == "null" || strings.HasPrefix(lower, "null::"):
		return nil, true
	case ct.kind == boolean:
		v := strings.Trim(lower, "'")
		switch v {
		case "1", "true", "b'1'":
			v = "true"
		case "0", "false", "b'0'":
			v = "false"
		default:
			return nil, false
		}
		if c.to != "postgres" {
			return val(map[string]string{"true": "1", "false": "0"}[v])
		}
		return val(v)
	case nowRe.MatchString(d):
		return val("CURRENT_TIMESTAMP")
	case todayRe.MatchString(d):
		return val("CURRENT_DATE")
	case numberRe.MatchString(d):
		return val(d)
	}
	if m := stringRe.FindStringSubmatch(d); m != nil {
		lit := m[1]
		if c.from == "mysql" && strings.Contains(lit, `\`) {
			return nil, false // MySQL backslash escapes: not the same literal elsewhere
		}
		if inner := lit[1 : len(lit)-1]; numberRe.MatchString(inner) && isNumeric(ct.kind) {
			return val(inner)
		}
		return val(lit)
	}
	return nil, false
}

func isNumeric(k kind) bool {
	switch k {
	case int16, int32, int64, uint64, decimal, float32, float64:
		return true
	}
	return false
}
