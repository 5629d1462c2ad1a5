package postgres

import "github.com/dbls/dbls/drivers"

// dataTypes are PostgreSQL's built-in types as format_type spells them,
// with the short names users type as aliases, for completion.
var dataTypes = []drivers.DataType{
	{Name: "smallint", Category: "numeric", Aliases: []string{"int2"}},
	{Name: "integer", Category: "numeric", Aliases: []string{"int", "int4"}},
	{Name: "bigint", Category: "numeric", Aliases: []string{"int8"}},
	{Name: "numeric", Category: "numeric", Aliases: []string{"decimal"}, Params: "(p,s)"},
	{Name: "real", Category: "numeric", Aliases: []string{"float4"}},
	{Name: "double precision", Category: "numeric", Aliases: []string{"float8", "float"}},
	{Name: "smallserial", Category: "numeric", Aliases: []string{"serial2"}},
	{Name: "serial", Category: "numeric", Aliases: []string{"serial4"}},
	{Name: "bigserial", Category: "numeric", Aliases: []string{"serial8"}},
	{Name: "money", Category: "numeric"},

	{Name: "text", Category: "text"},
	{Name: "character varying", Category: "text", Aliases: []string{"varchar"}, Params: "(n)"},
	{Name: "character", Category: "text", Aliases: []string{"char", "bpchar"}, Params: "(n)"},
	{Name: "name", Category: "text"},
	{Name: "citext", Category: "text"},

	{Name: "date", Category: "datetime"},
	{Name: "time without time zone", Category: "datetime", Aliases: []string{"time"}, Params: "(p)"},
	{Name: "time with time zone", Category: "datetime", Aliases: []string{"timetz"}, Params: "(p)"},
	{Name: "timestamp without time zone", Category: "datetime", Aliases: []string{"timestamp"}, Params: "(p)"},
	{Name: "timestamp with time zone", Category: "datetime", Aliases: []string{"timestamptz"}, Params: "(p)"},
	{Name: "interval", Category: "datetime", Params: "(p)"},

	{Name: "bytea", Category: "binary"},
	{Name: "bit", Category: "binary", Params: "(n)"},
	{Name: "bit varying", Category: "binary", Aliases: []string{"varbit"}, Params: "(n)"},

	{Name: "boolean", Category: "boolean", Aliases: []string{"bool"}},

	{Name: "json", Category: "json"},
	{Name: "jsonb", Category: "json"},
	{Name: "jsonpath", Category: "json"},

	{Name: "uuid", Category: "other"},
	{Name: "xml", Category: "other"},
	{Name: "inet", Category: "other"},
	{Name: "cidr", Category: "other"},
	{Name: "macaddr", Category: "other"},
	{Name: "macaddr8", Category: "other"},
	{Name: "tsvector", Category: "other"},
	{Name: "tsquery", Category: "other"},
	{Name: "point", Category: "other"},
	{Name: "line", Category: "other"},
	{Name: "lseg", Category: "other"},
	{Name: "box", Category: "other"},
	{Name: "path", Category: "other"},
	{Name: "polygon", Category: "other"},
	{Name: "circle", Category: "other"},
	{Name: "int4range", Category: "other"},
	{Name: "int8range", Category: "other"},
	{Name: "numrange", Category: "other"},
	{Name: "tsrange", Category: "other"},
	{Name: "tstzrange", Category: "other"},
	{Name: "daterange", Category: "other"},
	{Name: "int4multirange", Category: "other"},
	{Name: "oid", Category: "other"},
	{Name: "regclass", Category: "other"},
	{Name: "pg_lsn", Category: "other"},
}
