package analysis

// A pgSem is kept, with pg_query's verdict, for every data statement of
// a document, for as long as the document lives; as Go structs it would
// hold about four times the statement's text. It is kept encoded instead
// (varints and length-prefixed names, well under the text's size) and
// decoded when its chunk is checked again, which is rare next to how
// long it is kept.

import (
	"encoding/binary"
	"errors"
	"slices"
)

// encodePgSem packs s.
func encodePgSem(s *pgSem) []byte {
	e := pgEnc{}
	e.str(s.into)
	e.bool(s.unsure)
	if s.unsure {
		return e.bytes()
	}
	e.int(len(s.levels))
	for i := range s.levels {
		e.level(&s.levels[i])
	}
	e.int(len(s.items))
	for i := range s.items {
		it := &s.items[i]
		e.int(int(it.kind))
		e.str(it.catalog)
		e.str(it.schema)
		e.str(it.name)
		e.rng(it.rng)
		e.str(it.alias)
		e.bool(it.hasAlias)
		e.strs(it.cols)
		e.int(int(it.sub))
		e.int(int(it.level))
		e.int(int(it.copyOf))
	}
	// Column references are most of a model: their starts are written
	// as the distance from the previous one, the first field's range
	// only when there are several, and the flags in one byte.
	e.int(len(s.cols))
	prev := 0
	for i := range s.cols {
		c := &s.cols[i]
		e.int(int(c.level))
		e.strs(c.fields)
		e.int(c.rng.Start - prev)
		e.int(c.rng.End - c.rng.Start)
		prev = c.rng.Start
		if len(c.fields) > 1 {
			e.rng(c.qrng)
		}
		flags := byte(0)
		if c.aliasOK {
			flags |= 1
		}
		if c.lo != 0 || c.hi != -1 {
			flags |= 2
		}
		e.b = append(e.b, flags)
		if flags&2 != 0 {
			e.int(int(c.lo))
			e.int(int(c.hi))
		}
	}
	e.int(len(s.names))
	for _, n := range s.names {
		e.int(int(n.item))
		e.str(n.name)
		e.rng(n.rng)
	}
	e.bool(s.ins != nil)
	if s.ins != nil {
		e.int(int(s.ins.target))
		e.int(int(s.ins.listed))
		e.int(len(s.ins.rows))
		for _, r := range s.ins.rows {
			e.rng(r.rng)
			e.int(int(r.n))
		}
		e.bool(s.ins.query)
		e.rngs(s.ins.exprs)
		e.rngs(s.ins.targets)
	}
	return e.bytes()
}

func (e *pgEnc) level(l *pgLevel) {
	e.int(int(l.colParent))
	e.int(int(l.nameParent))
	e.int(len(l.items))
	for _, i := range l.items {
		e.int(int(i))
	}
	e.int(len(l.ctes))
	for _, c := range l.ctes {
		e.str(c.name)
		e.int(int(c.level))
		e.strs(c.cols)
	}
	e.int(len(l.out))
	for _, o := range l.out {
		e.str(o.name)
		e.bool(o.star)
		e.str(o.qual)
		e.bool(o.unknown)
	}
	e.int(int(l.values))
	e.int(int(l.setLeft))
	e.bool(l.outUnknown)
	e.bool(l.opaque)
	e.bool(l.refUnknown)
	e.bool(l.natural)
	e.strs(l.using)
	e.bool(l.recursive)
}

// pgEnc writes names once, in a table before the rest, and their index
// where they occur: a statement names the same few many times.
type pgEnc struct {
	b     []byte
	index map[string]int
	table []string
}

func (e *pgEnc) int(n int) { e.b = binary.AppendVarint(e.b, int64(n)) }
func (e *pgEnc) str(s string) {
	if s == "" {
		e.int(0)
		return
	}
	k, ok := e.index[s]
	if !ok {
		if e.index == nil {
			e.index = map[string]int{}
		}
		e.table = append(e.table, s)
		k = len(e.table)
		e.index[s] = k
	}
	e.int(k)
}

// bytes are the table and then the body.
func (e *pgEnc) bytes() []byte {
	n := len(e.b) + 2
	for _, s := range e.table {
		n += len(s) + 2
	}
	out := make([]byte, 0, n)
	out = binary.AppendVarint(out, int64(len(e.table)))
	for _, s := range e.table {
		out = binary.AppendVarint(out, int64(len(s)))
		out = append(out, s...)
	}
	return slices.Clip(append(out, e.b...)) // kept long: no spare capacity
}
func (e *pgEnc) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}
func (e *pgEnc) rng(r Range) {
	e.int(r.Start)
	e.int(r.End - r.Start)
}
func (e *pgEnc) rngs(list []Range) {
	e.int(len(list))
	for _, r := range list {
		e.rng(r)
	}
}

func (e *pgEnc) strs(list []string) {
	e.int(len(list))
	for _, s := range list {
		e.str(s)
	}
}

var errPgCodec = errors.New("bad encoded statement model")

// decodePgSem unpacks what encodePgSem packed.
func decodePgSem(b []byte) (*pgSem, error) {
	d := pgDec{b: b}
	d.readTable()
	s := &pgSem{into: d.str(), unsure: d.bool()}
	if s.unsure {
		return s, d.err
	}
	s.levels = make([]pgLevel, d.count())
	for i := range s.levels {
		d.level(&s.levels[i])
	}
	s.items = make([]pgItem, d.count())
	for i := range s.items {
		it := &s.items[i]
		it.kind = uint8(d.int())
		it.catalog, it.schema, it.name = d.str(), d.str(), d.str()
		it.rng = d.rng()
		it.alias, it.hasAlias = d.str(), d.bool()
		it.cols = d.strs()
		it.sub, it.level, it.copyOf = int32(d.int()), int32(d.int()), int32(d.int())
	}
	s.cols = make([]pgCol, d.count())
	prev := 0
	for i := range s.cols {
		c := &s.cols[i]
		c.level = int32(d.int())
		c.fields = d.strs()
		start := prev + d.int()
		c.rng = Range{Start: start, End: start + d.int()}
		prev = start
		c.qrng = c.rng
		if len(c.fields) > 1 {
			c.qrng = d.rng()
		}
		flags := d.byte()
		c.aliasOK = flags&1 != 0
		c.lo, c.hi = 0, -1
		if flags&2 != 0 {
			c.lo, c.hi = int32(d.int()), int32(d.int())
		}
	}
	s.names = make([]pgName, d.count())
	for i := range s.names {
		s.names[i] = pgName{item: int32(d.int()), name: d.str(), rng: d.rng()}
	}
	if d.bool() {
		s.ins = &pgInsert{target: int32(d.int()), listed: int32(d.int())}
		s.ins.rows = make([]pgRow, d.count())
		for i := range s.ins.rows {
			s.ins.rows[i] = pgRow{rng: d.rng(), n: int32(d.int())}
		}
		s.ins.query = d.bool()
		s.ins.exprs, s.ins.targets = d.rngs(), d.rngs()
	}
	if d.err == nil && !s.valid() {
		d.err = errPgCodec
	}
	return s, d.err
}

func (d *pgDec) level(l *pgLevel) {
	l.colParent, l.nameParent = int32(d.int()), int32(d.int())
	l.items = make([]int32, d.count())
	for i := range l.items {
		l.items[i] = int32(d.int())
	}
	l.ctes = make([]pgCTE, d.count())
	for i := range l.ctes {
		l.ctes[i] = pgCTE{name: d.str(), level: int32(d.int()), cols: d.strs()}
	}
	l.out = make([]pgOut, d.count())
	for i := range l.out {
		l.out[i] = pgOut{name: d.str(), star: d.bool(), qual: d.str(), unknown: d.bool()}
	}
	l.values, l.setLeft = int32(d.int()), int32(d.int())
	l.outUnknown, l.opaque, l.refUnknown, l.natural = d.bool(), d.bool(), d.bool(), d.bool()
	l.using = d.strs()
	l.recursive = d.bool()
}

type pgDec struct {
	b     []byte
	err   error
	table []string
}

func (d *pgDec) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errPgCodec
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count is a length, bounded by what is left to read.
func (d *pgDec) count() int {
	n := d.int()
	if n < 0 || n > len(d.b) {
		d.err = errPgCodec
		return 0
	}
	return n
}

func (d *pgDec) str() string {
	k := d.int()
	if d.err != nil || k == 0 {
		return ""
	}
	if k < 0 || k > len(d.table) {
		d.err = errPgCodec
		return ""
	}
	return d.table[k-1]
}

// readTable reads the names written before the body, as parts of one
// string (one allocation).
func (d *pgDec) readTable() {
	all := string(d.b)
	d.table = make([]string, d.count())
	for i := range d.table {
		n := d.count()
		if d.err != nil {
			return
		}
		off := len(all) - len(d.b)
		d.table[i] = all[off : off+n]
		d.b = d.b[n:]
	}
}

func (d *pgDec) bool() bool { return d.byte() != 0 }

func (d *pgDec) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.err = errPgCodec
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *pgDec) rng() Range {
	start := d.int()
	return Range{Start: start, End: start + d.int()}
}

func (d *pgDec) rngs() []Range {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]Range, n)
	for i := range out {
		out[i] = d.rng()
	}
	return out
}

func (d *pgDec) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// valid checks that every index of s points inside it, so that a check
// of a decoded model cannot go out of range.
func (s *pgSem) valid() bool {
	nl, ni := int32(len(s.levels)), int32(len(s.items))
	lvl := func(l int32, none bool) bool { return l >= 0 && l < nl || none && l == -1 }
	// Parents are made before their children: an index only points
	// back, so no chain of them loops.
	for k, l := range s.levels {
		if !lvl(l.colParent, true) || !lvl(l.nameParent, true) || !lvl(l.setLeft, true) ||
			l.colParent >= int32(k) || l.nameParent >= int32(k) {
			return false
		}
		for _, i := range l.items {
			if i < 0 || i >= ni {
				return false
			}
		}
		for _, c := range l.ctes {
			if !lvl(c.level, true) {
				return false
			}
		}
	}
	for k, it := range s.items {
		if !lvl(it.level, false) || it.kind == itemSub && !lvl(it.sub, false) || it.copyOf < -1 || it.copyOf >= int32(k) {
			return false
		}
	}
	for _, c := range s.cols {
		if !lvl(c.level, false) || len(c.fields) == 0 {
			return false
		}
	}
	for _, n := range s.names {
		if n.item < 0 || n.item >= ni {
			return false
		}
	}
	return s.ins == nil || s.ins.target >= 0 && s.ins.target < ni
}
