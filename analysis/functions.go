package analysis

// Functions: the snapshot's routines and the common built-in functions of
// each dialect, as completion items and as signatures for signature help.

import (
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// Signature is one callable form of a function.
type Signature struct {
	// Label is the whole signature, e.g. "round(x numeric, digits int) → numeric".
	Label string
	// Params are the parameters' labels, each a substring of Label.
	Params []string
	// Variadic reports that the last parameter may repeat.
	Variadic bool
	// Doc is a one-line description, or "".
	Doc string
}

// builtin is a built-in function of one or more dialects.
type builtin struct {
	dialects string // letters: p(ostgres) m(ysql) s(qlite)
	name     string
	sig      Signature
}

// fn declares a built-in: spec is "name(param, param, ...) → returns",
// where a trailing "..." marks the last parameter as repeating.
func fn(dialects, spec, doc string) builtin {
	open := strings.IndexByte(spec, '(')
	closeP := strings.LastIndexByte(spec, ')')
	b := builtin{dialects: dialects, name: spec[:open]}
	inner := spec[open+1 : closeP]
	var params []string
	variadic := false
	for _, p := range strings.Split(inner, ",") {
		p = strings.TrimSpace(p)
		switch p {
		case "":
			continue
		case "...":
			variadic = true
			continue
		}
		params = append(params, p)
	}
	b.sig = Signature{Label: spec, Params: params, Variadic: variadic, Doc: doc}
	return b
}

// builtins are the functions users reach for most, per dialect. They are a
// help for typing, not a catalog of the engines: a function missing here
// is still valid SQL, and diagnostics never complain about one.
var builtins = []builtin{
	fn("pms", "count(expression) → bigint", "Number of rows where expression is not null; count(*) counts rows."),
	fn("pms", "sum(expression) → numeric", "Sum of the non-null values."),
	fn("pms", "avg(expression) → numeric", "Average of the non-null values."),
	fn("pms", "min(expression) → same type", "Smallest non-null value."),
	fn("pms", "max(expression) → same type", "Largest non-null value."),
	fn("pms", "coalesce(value1, value2, ...) → same type", "First argument that is not null."),
	fn("pms", "nullif(value1, value2) → same type", "Null if the two are equal, else value1."),
	fn("pms", "abs(x) → same type", "Absolute value."),
	fn("pms", "round(x, digits) → numeric", "x rounded to digits decimal places."),
	fn("pms", "lower(text) → text", "Lower-case text."),
	fn("pms", "upper(text) → text", "Upper-case text."),
	fn("pms", "length(text) → integer", "Length of the text."),
	fn("pms", "substr(text, start, count) → text", "Part of the text from start (1-based), count characters."),
	fn("pms", "replace(text, from, to) → text", "Text with every occurrence of from replaced by to."),
	fn("pms", "trim(text) → text", "Text without leading and trailing spaces."),
	fn("pms", "ltrim(text) → text", "Text without leading spaces."),
	fn("pms", "rtrim(text) → text", "Text without trailing spaces."),
	fn("pms", "row_number() → bigint", "Window function: number of the current row within its partition."),
	fn("pms", "rank() → bigint", "Window function: rank with gaps."),
	fn("pms", "dense_rank() → bigint", "Window function: rank without gaps."),
	fn("pms", "lag(value, offset, default) → same type", "Window function: value offset rows before the current row."),
	fn("pms", "lead(value, offset, default) → same type", "Window function: value offset rows after the current row."),
	fn("pms", "first_value(value) → same type", "Window function: value at the first row of the window frame."),
	fn("pms", "last_value(value) → same type", "Window function: value at the last row of the window frame."),
	fn("pm", "greatest(value1, value2, ...) → same type", "Largest of the arguments."),
	fn("pm", "least(value1, value2, ...) → same type", "Smallest of the arguments."),
	fn("pm", "concat(value1, value2, ...) → text", "Concatenation of the arguments' text."),
	fn("pm", "concat_ws(separator, value1, value2, ...) → text", "Concatenation with a separator."),
	fn("pm", "left(text, n) → text", "First n characters."),
	fn("pm", "right(text, n) → text", "Last n characters."),
	fn("pm", "char_length(text) → integer", "Number of characters."),
	fn("pm", "regexp_replace(source, pattern, replacement) → text", "Replace matches of a regular expression."),
	fn("pm", "now() → timestamp", "Current date and time (start of the transaction in PostgreSQL)."),
	fn("pms", "ntile(buckets) → integer", "Window function: bucket number of the row."),
	fn("p", "date_trunc(field, source) → timestamp", "Timestamp truncated to the given precision ('day', 'month', …)."),
	fn("p", "date_part(field, source) → double precision", "Subfield of a date or time ('year', 'dow', …)."),
	fn("p", "to_char(value, format) → text", "Format a date, time or number as text."),
	fn("p", "to_date(text, format) → date", "Parse a date."),
	fn("p", "to_timestamp(text, format) → timestamptz", "Parse a timestamp."),
	fn("p", "make_date(year, month, day) → date", "Date from its parts."),
	fn("p", "age(timestamp1, timestamp2) → interval", "Difference between two timestamps, symbolically."),
	fn("p", "string_agg(value, delimiter) → text", "Aggregate: values joined by delimiter."),
	fn("p", "array_agg(value) → array", "Aggregate: values as an array."),
	fn("p", "array_length(array, dimension) → integer", "Length of an array dimension."),
	fn("p", "unnest(array) → setof element", "Rows of the array's elements."),
	fn("p", "json_agg(value) → json", "Aggregate: values as a JSON array."),
	fn("p", "jsonb_agg(value) → jsonb", "Aggregate: values as a JSONB array."),
	fn("p", "json_build_object(key1, value1, ...) → json", "JSON object from alternating keys and values."),
	fn("p", "jsonb_build_object(key1, value1, ...) → jsonb", "JSONB object from alternating keys and values."),
	fn("p", "generate_series(start, stop, step) → setof", "Rows from start to stop by step."),
	fn("p", "split_part(text, delimiter, n) → text", "The n-th field of text split at delimiter."),
	fn("p", "strpos(text, substring) → integer", "Position of substring in text (0 if absent)."),
	fn("p", "format(formatstr, arg1, ...) → text", "Text formatted like sprintf (%s, %I, %L)."),
	fn("p", "gen_random_uuid() → uuid", "Random version-4 UUID."),
	fn("p", "bool_and(value) → boolean", "Aggregate: true if every value is true."),
	fn("p", "bool_or(value) → boolean", "Aggregate: true if any value is true."),
	fn("ps", "random() → double precision", "Random number (PostgreSQL: in [0, 1); SQLite: a 64-bit integer)."),
	fn("m", "curdate() → date", "Current date."),
	fn("m", "date_format(date, format) → varchar", "Format a date as text ('%Y-%m-%d', …)."),
	fn("m", "str_to_date(text, format) → datetime", "Parse a date."),
	fn("m", "datediff(date1, date2) → integer", "Days from date2 to date1."),
	fn("m", "timestampdiff(unit, start, end) → integer", "Difference in the given unit."),
	fn("m", "unix_timestamp(date) → integer", "Seconds since the Unix epoch."),
	fn("m", "from_unixtime(seconds, format) → datetime", "Datetime from seconds since the Unix epoch."),
	fn("m", "if(condition, then_value, else_value) → same type", "then_value if condition is true, else else_value."),
	fn("m", "locate(substring, text, start) → integer", "Position of substring in text (0 if absent)."),
	fn("m", "substring(text, start, count) → text", "Part of the text from start (1-based)."),
	fn("m", "uuid() → char(36)", "Random UUID."),
	fn("m", "last_insert_id() → bigint", "Last AUTO_INCREMENT value generated in this session."),
	fn("m", "rand() → double", "Random number in [0, 1)."),
	fn("ms", "ifnull(value, fallback) → same type", "value unless it is null, else fallback."),
	fn("ms", "group_concat(value) → text", "Aggregate: values joined by commas."),
	fn("ms", "instr(text, substring) → integer", "Position of substring in text (0 if absent)."),
	fn("ms", "hex(value) → text", "Hexadecimal text of the value."),
	fn("ms", "json_extract(json, path1, ...) → json", "Values at JSON paths ('$.a.b')."),
	fn("ms", "json_object(key1, value1, ...) → json", "JSON object from alternating keys and values."),
	fn("ms", "json_array(value1, ...) → json", "JSON array of the arguments."),
	fn("s", "datetime(time_value, modifier1, ...) → text", "'YYYY-MM-DD HH:MM:SS' of a time value with modifiers ('now', '+1 day', …)."),
	fn("s", "date(time_value, modifier1, ...) → text", "'YYYY-MM-DD' of a time value with modifiers."),
	fn("s", "time(time_value, modifier1, ...) → text", "'HH:MM:SS' of a time value with modifiers."),
	fn("s", "julianday(time_value, modifier1, ...) → real", "Julian day number of a time value."),
	fn("s", "strftime(format, time_value, modifier1, ...) → text", "Time value formatted ('%Y-%m-%d', …)."),
	fn("s", "iif(condition, then_value, else_value) → same type", "then_value if condition is true, else else_value."),
	fn("s", "printf(format, arg1, ...) → text", "Text formatted like C printf."),
	fn("s", "typeof(value) → text", "Storage class: 'null', 'integer', 'real', 'text' or 'blob'."),
	fn("s", "total(value) → real", "Aggregate: sum as a floating-point number, 0.0 for no rows."),
	fn("s", "last_insert_rowid() → integer", "Rowid of the last row inserted on this connection."),
	fn("s", "changes() → integer", "Rows changed by the last INSERT, UPDATE or DELETE."),
	fn("s", "quote(value) → text", "SQL literal text of the value."),
	fn("s", "randomblob(n) → blob", "n random bytes."),
}

// builtinList lists dialect d's built-ins in declaration order; an unknown
// dialect gets those every dialect has.
func builtinList(d Dialect) []builtin {
	var out []builtin
	for _, b := range builtins {
		if builtinIn(b, d) {
			out = append(out, b)
		}
	}
	return out
}

func builtinIn(b builtin, d Dialect) bool {
	switch d {
	case Postgres:
		return strings.IndexByte(b.dialects, 'p') >= 0
	case MySQL:
		return strings.IndexByte(b.dialects, 'm') >= 0
	case SQLite:
		return strings.IndexByte(b.dialects, 's') >= 0
	}
	return b.dialects == "pms"
}

// routineSignature is a routine of the snapshot as a Signature; schemaName
// qualifies it when it is outside the search path.
func routineSignature(r *schema.Routine, schemaName string) Signature {
	name := r.Name
	if schemaName != "" {
		name = schemaName + "." + r.Name
	}
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte('(')
	sig := Signature{Doc: r.Comment}
	n := 0
	for _, p := range r.Params {
		if p.Mode == "out" {
			continue
		}
		if n > 0 {
			b.WriteString(", ")
		}
		n++
		label := p.Type
		if p.Name != "" {
			label = p.Name + " " + p.Type
		}
		if p.Mode == "variadic" {
			label = "VARIADIC " + label
			sig.Variadic = true
		}
		if p.Default != "" {
			label += " DEFAULT " + p.Default
		}
		b.WriteString(label)
		sig.Params = append(sig.Params, label)
	}
	b.WriteByte(')')
	if r.Returns != "" {
		b.WriteString(" → " + r.Returns)
	}
	sig.Label = b.String()
	if sig.Doc == "" && r.Kind != "" && r.Kind != schema.RoutineFunction {
		sig.Doc = r.Kind
	}
	return sig
}

// routineRef is a routine of the snapshot with its schema.
type routineRef struct {
	sc *schema.Schema
	r  *schema.Routine
	// qualifier is the schema name when the routine is outside the search
	// path, else "".
	qualifier string
}

// functions offers, where an expression goes, the snapshot's routines (in
// the search path by name, elsewhere qualified) and the dialect's
// built-ins; each inserts its name and "(", and details its signature.
func (c *completer) functions() {
	if c.quoted {
		return
	}
	if c.prefix == "" && c.bulk[rankFunctions] == nil {
		// Every function matches: the index's list as it is.
		c.bulk[rankFunctions] = c.ix.allFunctions()
		return
	}
	c.functionItems()
}

// allFunctions is every function item, made once per index.
func (ix *snapIndex) allFunctions() []CompletionItem {
	ix.fnOnce.Do(func() {
		c := &completer{d: ix.d, seen: map[string]bool{}, ix: ix}
		c.functionItems()
		ix.fnItems = c.buckets[rankFunctions]
	})
	return ix.fnItems
}

// functionItems adds the functions matching the prefix.
// routineItem offers one of the snapshot's routines when it matches the
// prefix, qualified where it is outside the search path, inserting its
// name and "(".
func (c *completer) routineItem(rr routineRef, rank int) {
	label := rr.r.Name
	insert := identFor(c.d, rr.r.Name, false)
	if rr.qualifier != "" {
		if !c.match(rr.r.Name) && !c.match(rr.qualifier) {
			return
		}
		label = rr.qualifier + "." + rr.r.Name
		insert = identFor(c.d, rr.qualifier, false) + "." + insert
	} else if !c.match(rr.r.Name) {
		return
	}
	sig := routineSignature(rr.r, rr.qualifier)
	c.addDoc(rank, label, KindFunction, sig.Label, insert+"(", sig.Doc)
}

func (c *completer) functionItems() {
	for _, rr := range c.ix.routineRefs {
		c.routineItem(rr, rankFunctions)
	}
	for _, b := range c.ix.builtins {
		if c.match(b.name) {
			c.addDoc(rankFunctions, b.name, KindFunction, b.sig.Label, b.name+"(", b.sig.Doc)
		}
	}
}

// signaturesOf finds the signatures of a function named as written:
// qualified by a schema, only that schema's routines; unqualified, the
// routines of the search path (else of any schema) and the built-ins.
func (ix *snapIndex) signaturesOf(qual string, qualQuoted bool, name string, quoted bool) []Signature {
	var out []Signature
	if qual != "" {
		sc := ix.lookupSchema(qual, qualQuoted)
		if sc == nil {
			return nil
		}
		for i := range sc.Routines {
			if sameName(ix.d, sc.Routines[i].Name, name, quoted) {
				q := ""
				if !ix.inPath[sc.Name] {
					q = sc.Name
				}
				out = append(out, routineSignature(&sc.Routines[i], q))
			}
		}
		return out
	}
	for _, rr := range ix.routineRefs {
		if rr.qualifier == "" && sameName(ix.d, rr.r.Name, name, quoted) {
			out = append(out, routineSignature(rr.r, ""))
		}
	}
	if len(out) == 0 {
		for _, rr := range ix.routineRefs {
			if sameName(ix.d, rr.r.Name, name, quoted) {
				out = append(out, routineSignature(rr.r, rr.qualifier))
			}
		}
	}
	if !quoted || !strictCase(ix.d) {
		for _, b := range ix.builtins {
			if strings.EqualFold(b.name, name) {
				out = append(out, b.sig)
			}
		}
	}
	return out
}
