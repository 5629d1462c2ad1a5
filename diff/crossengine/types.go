package crossengine

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// kind is an engine-neutral column type: what a source type means, before
// it is written for the target.
type kind int

const (
	unknown kind = iota
	boolean
	int16
	int32
	int64
	uint64 // MySQL bigint unsigned: wider than any signed 64-bit type
	decimal
	float32
	float64
	fixedChar
	varChar
	text
	jsonDoc
	bytes
	date
	timeOfDay
	timestamp
	timestampTZ
	enum
	uuid
)

// colType is a parsed source type.
type colType struct {
	kind   kind
	args   string   // "10,2", "80" … as the source wrote them
	values []string // enum labels
	// lossy says what the mapping cannot keep (the type is still mapped).
	lossy string
}

var (
	typeRe  = regexp.MustCompile(`^([a-z ]+?)\s*(?:\(([^)]*)\))?((?:\s+(?:unsigned|signed|zerofill))*)\s*(?:\s(with(?:out)? time zone))?$`)
	labelRe = regexp.MustCompile(`'((?:[^']|'')*)'`)
)

// parse reads a source column type of driver ("mysql", "postgres",
// "sqlite"). enums are the source schema's enum types (PostgreSQL).
func parse(driver, typ string, enums map[string][]string) colType {
	t := strings.ToLower(strings.TrimSpace(typ))
	if driver == "postgres" {
		if vs, ok := enums[t]; ok {
			return colType{kind: enum, values: vs}
		}
		// timestamp(3) without time zone: the precision sits inside.
		t = strings.Replace(t, " without time zone", "", 1)
		if strings.HasSuffix(t, " with time zone") {
			base := strings.TrimSuffix(t, " with time zone")
			c := parse(driver, base, nil)
			switch c.kind {
			case timestamp:
				c.kind = timestampTZ
			case timeOfDay:
				c.lossy = "time with time zone loses its zone"
			}
			return c
		}
	}
	if strings.HasPrefix(t, "enum(") || strings.HasPrefix(t, "set(") {
		var vs []string
		for _, m := range labelRe.FindAllStringSubmatch(t[strings.Index(t, "("):], -1) {
			vs = append(vs, strings.ReplaceAll(m[1], "''", "'"))
		}
		if strings.HasPrefix(t, "set(") {
			return colType{kind: text, lossy: "a SET is stored as text: its members are not enforced"}
		}
		// Labels keep their case: take them from the original spelling.
		vs = vs[:0]
		for _, m := range labelRe.FindAllStringSubmatch(typ[strings.Index(typ, "("):], -1) {
			vs = append(vs, strings.ReplaceAll(m[1], "''", "'"))
		}
		return colType{kind: enum, values: vs}
	}
	m := typeRe.FindStringSubmatch(t)
	if m == nil {
		return colType{}
	}
	base, args, unsigned := m[1], m[2], strings.Contains(m[3], "unsigned")
	switch driver {
	case "mysql":
		return mysqlType(base, args, unsigned)
	case "postgres":
		return postgresType(base, args)
	case "sqlite":
		return sqliteType(base, args)
	}
	return colType{}
}

func mysqlType(base, args string, unsigned bool) colType {
	switch base {
	case "tinyint", "bool", "boolean":
		if base != "tinyint" || args == "1" && !unsigned {
			return colType{kind: boolean}
		}
		return colType{kind: int16}
	case "smallint":
		if unsigned {
			return colType{kind: int32}
		}
		return colType{kind: int16}
	case "mediumint":
		return colType{kind: int32}
	case "int", "integer":
		if unsigned {
			return colType{kind: int64}
		}
		return colType{kind: int32}
	case "bigint":
		if unsigned {
			return colType{kind: uint64, lossy: "bigint unsigned values above 9223372036854775807 do not fit"}
		}
		return colType{kind: int64}
	case "decimal", "numeric", "dec", "fixed":
		return colType{kind: decimal, args: args}
	case "float":
		return colType{kind: float32}
	case "double", "double precision", "real":
		return colType{kind: float64}
	case "char":
		return colType{kind: fixedChar, args: args}
	case "varchar":
		return colType{kind: varChar, args: args}
	case "tinytext", "text", "mediumtext", "longtext":
		return colType{kind: text}
	case "json":
		return colType{kind: jsonDoc}
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
		return colType{kind: bytes}
	case "date":
		return colType{kind: date}
	case "time":
		return colType{kind: timeOfDay, args: args}
	case "datetime":
		return colType{kind: timestamp, args: args}
	case "timestamp":
		return colType{kind: timestampTZ, args: args}
	case "year":
		return colType{kind: int16}
	}
	return colType{}
}

func postgresType(base, args string) colType {
	switch base {
	case "boolean":
		return colType{kind: boolean}
	case "smallint":
		return colType{kind: int16}
	case "integer":
		return colType{kind: int32}
	case "bigint":
		return colType{kind: int64}
	case "numeric":
		return colType{kind: decimal, args: args}
	case "real":
		return colType{kind: float32}
	case "double precision":
		return colType{kind: float64}
	case "character":
		return colType{kind: fixedChar, args: args}
	case "character varying":
		if args == "" {
			return colType{kind: text}
		}
		return colType{kind: varChar, args: args}
	case "text":
		return colType{kind: text}
	case "json", "jsonb":
		return colType{kind: jsonDoc}
	case "bytea":
		return colType{kind: bytes}
	case "date":
		return colType{kind: date}
	case "time":
		return colType{kind: timeOfDay, args: args}
	case "timestamp":
		return colType{kind: timestamp, args: args}
	case "uuid":
		return colType{kind: uuid}
	}
	return colType{}
}

// sqliteType follows SQLite's own rules where the declared name is not one
// of the usual ones (https://sqlite.org/datatype3.html, 3.1): INT → integer,
// CHAR/CLOB/TEXT → text, BLOB or none → blob, REAL/FLOA/DOUB → real,
// anything else numeric.
func sqliteType(base, args string) colType {
	switch base {
	case "boolean", "bool":
		return colType{kind: boolean}
	case "date":
		return colType{kind: date}
	case "datetime", "timestamp":
		return colType{kind: timestamp}
	case "time":
		return colType{kind: timeOfDay}
	case "json":
		return colType{kind: jsonDoc}
	case "varchar", "character varying", "nvarchar":
		return colType{kind: varChar, args: args}
	case "char", "character", "nchar":
		return colType{kind: fixedChar, args: args}
	case "decimal", "numeric":
		return colType{kind: decimal, args: args}
	}
	switch {
	case strings.Contains(base, "int"):
		return colType{kind: int64}
	case strings.Contains(base, "char"), strings.Contains(base, "clob"), strings.Contains(base, "text"):
		return colType{kind: text}
	case strings.Contains(base, "blob"), base == "":
		return colType{kind: bytes}
	case strings.Contains(base, "real"), strings.Contains(base, "floa"), strings.Contains(base, "doub"):
		return colType{kind: float64}
	}
	return colType{kind: decimal, args: args}
}

// write spells a parsed type for the target driver.
func write(target string, c colType) (string, error) {
	prec := func(name string) string {
		if c.args != "" {
			if _, err := strconv.Atoi(c.args); err == nil {
				return name + "(" + c.args + ")"
			}
		}
		return name
	}
	switch target {
	case "postgres":
		switch c.kind {
		case boolean:
			return "boolean", nil
		case int16:
			return "smallint", nil
		case int32:
			return "integer", nil
		case int64, uint64:
			return "bigint", nil
		case decimal:
			return prec2("numeric", c.args), nil
		case float32:
			return "real", nil
		case float64:
			return "double precision", nil
		case fixedChar:
			return prec("character"), nil
		case varChar:
			return prec("character varying"), nil
		case text, enum:
			return "text", nil
		case jsonDoc:
			return "jsonb", nil
		case bytes:
			return "bytea", nil
		case date:
			return "date", nil
		case timeOfDay:
			return prec("time") + " without time zone", nil
		case timestamp:
			return prec("timestamp") + " without time zone", nil
		case timestampTZ:
			return prec("timestamp") + " with time zone", nil
		case uuid:
			return "uuid", nil
		}
	case "sqlite":
		switch c.kind {
		case boolean:
			return "BOOLEAN", nil
		case int16, int32, int64, uint64:
			return "INTEGER", nil
		case decimal:
			return strings.ToUpper(prec2("numeric", c.args)), nil
		case float32, float64:
			return "REAL", nil
		case fixedChar:
			return strings.ToUpper(prec("char")), nil
		case varChar:
			return strings.ToUpper(prec("varchar")), nil
		case text, enum, jsonDoc, uuid:
			return "TEXT", nil
		case bytes:
			return "BLOB", nil
		case date:
			return "DATE", nil
		case timeOfDay:
			return "TIME", nil
		case timestamp, timestampTZ:
			return "DATETIME", nil
		}
	case "mysql":
		return mysqlName(c, prec)
	default:
		return "", fmt.Errorf("cross-engine compare into %s is not supported (targets: %s)", target, strings.Join(Targets, ", "))
	}
	return "", errNoMapping
}

// prec2 writes numeric(p,s) when the source gave a precision.
func prec2(name, args string) string {
	if args == "" {
		return name
	}
	return name + "(" + strings.ReplaceAll(args, " ", "") + ")"
}

// mysqlName spells a type for MySQL/MariaDB. Text without a bound is
// longtext (PostgreSQL and SQLite text are unbounded); an enum stays an
// enum.
func mysqlName(c colType, prec func(string) string) (string, error) {
	switch c.kind {
	case boolean:
		return "tinyint(1)", nil
	case int16:
		return "smallint", nil
	case int32:
		return "int", nil
	case int64:
		return "bigint", nil
	case uint64:
		return "bigint unsigned", nil
	case decimal:
		return prec2("decimal", c.args), nil
	case float32:
		return "float", nil
	case float64:
		return "double", nil
	case fixedChar:
		return prec("char"), nil
	case varChar:
		return prec("varchar"), nil
	case text:
		return "longtext", nil
	case jsonDoc:
		return "json", nil
	case bytes:
		return "longblob", nil
	case date:
		return "date", nil
	case timeOfDay:
		return prec("time"), nil
	case timestamp, timestampTZ:
		return prec("datetime"), nil
	case enum:
		return "enum(" + labels(c.values) + ")", nil
	case uuid:
		return "char(36)", nil
	}
	return "", errNoMapping
}
