package postgres

import (
	"bytes"
	"context"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/dbls/dbls/drivers"
)

// decodeText turns one text-format value into the plain Go value dbls
// prints: integers, floats and booleans become numbers and bools,
// timestamps become time.Time, bytea becomes bytes, and everything else
// (numeric, uuid, interval, json, arrays, user types) stays the string the
// server wrote, which keeps numeric precision and prints like psql.
func decodeText(oid uint32, v []byte) any {
	if v == nil {
		return nil
	}
	s := string(v)
	switch oid {
	case pgtype.BoolOID:
		return s == "t"
	case pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID, pgtype.OIDOID:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	case pgtype.Float4OID, pgtype.Float8OID:
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	case pgtype.ByteaOID:
		if b, ok := decodeBytea(v); ok {
			return drivers.NormalizeValue(b)
		}
	case pgtype.TimestampOID, pgtype.TimestamptzOID:
		if t, ok := parseTimestamp(s); ok {
			return t
		}
	}
	return s
}

// decodeBytea reads bytea_output=hex ("\x4142"); the escape format is left
// as text.
func decodeBytea(v []byte) ([]byte, bool) {
	if !bytes.HasPrefix(v, []byte(`\x`)) {
		return nil, false
	}
	b := make([]byte, hex.DecodedLen(len(v)-2))
	if _, err := hex.Decode(b, v[2:]); err != nil {
		return nil, false
	}
	return b, true
}

// Timestamp spellings of DateStyle ISO; the zone is hours, hours:minutes
// or, for local mean time, hours:minutes:seconds. Other DateStyles and
// infinity stay strings.
var timestampLayouts = []string{
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05Z07:00:00",
}

func parseTimestamp(s string) (time.Time, bool) {
	for _, l := range timestampLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

type typeKey struct {
	oid    uint32
	typmod int32
}

// nameColumns fills the columns' type names as format_type spells them
// ("character varying(20)", "integer[]", user types by name), the same
// spelling as snapshot columns. Names are cached per Conn; a failed lookup
// falls back to pgx's own type names rather than failing the query.
func (c *Conn) nameColumns(ctx context.Context, conn *pgx.Conn, pg *page) {
	keys := make([]typeKey, len(pg.oids))
	var missing []typeKey
	c.typeMu.Lock()
	for i, oid := range pg.oids {
		keys[i] = typeKey{oid, pg.typmods[i]}
		if _, ok := c.typeNames[keys[i]]; !ok {
			missing = append(missing, keys[i])
		}
	}
	c.typeMu.Unlock()
	if len(missing) > 0 {
		c.lookupTypes(ctx, conn, missing)
	}
	c.typeMu.Lock()
	defer c.typeMu.Unlock()
	for i, k := range keys {
		name, ok := c.typeNames[k]
		if !ok {
			if t, found := conn.TypeMap().TypeForOID(k.oid); found {
				name = t.Name
			}
		}
		pg.res.Columns[i].Type = name
	}
}

func (c *Conn) lookupTypes(ctx context.Context, conn *pgx.Conn, keys []typeKey) {
	oids := make([]uint32, len(keys))
	mods := make([]int32, len(keys))
	for i, k := range keys {
		oids[i], mods[i] = k.oid, k.typmod
	}
	rows, err := conn.Query(ctx, `SELECT u.o, u.m, format_type(u.o, nullif(u.m, -1))
		FROM unnest($1::oid[], $2::int4[]) AS u(o, m) JOIN pg_type t ON t.oid = u.o`, oids, mods)
	if err != nil {
		return
	}
	defer rows.Close()
	found := map[typeKey]string{}
	for rows.Next() {
		var k typeKey
		var name string
		if rows.Scan(&k.oid, &k.typmod, &name) == nil {
			found[k] = name
		}
	}
	if rows.Err() != nil {
		return
	}
	c.typeMu.Lock()
	defer c.typeMu.Unlock()
	if c.typeNames == nil {
		c.typeNames = map[typeKey]string{}
	}
	for k, v := range found {
		c.typeNames[k] = v
	}
}
