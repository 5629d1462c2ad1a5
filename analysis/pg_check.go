package analysis

// Checking a PostgreSQL statement's model (pg_tree.go) against the
// snapshot and the relations earlier statements create, by PostgreSQL's
// own rules: names as the parser folded them compare exactly; a FROM
// name is a CTE of an enclosing level, else a relation the document
// created, else a snapshot relation (search path first, as completion
// resolves it); an unqualified column is looked up level by level,
// innermost first, and is ambiguous when two items of the level where it
// is found have it. Anything not fully known (a relation whose columns
// we do not all know, a function in FROM) keeps the check silent.

import (
	"fmt"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

type pgChecker struct {
	dg   *diagnoser
	sem  *pgSem
	base int
	info []pgInfo
	outs map[int32]*pgOutInfo
}

// pgInfo is what an item resolved to.
type pgInfo struct {
	done  bool
	cols  []string
	known bool
	// rel is the relation of a table or view of the snapshot or the
	// document; nil for CTEs, subqueries and the unknown.
	rel *relation
}

type pgOutInfo struct {
	busy, known bool
	cols        []string
}

// pgCheck reports what sem, the model of the statement starting at base,
// gets wrong.
func (dg *diagnoser) pgCheck(sem *pgSem, base int) {
	if sem.into != "" {
		dg.addName(sem.into)
	}
	if sem.unsure {
		return
	}
	k := &pgChecker{dg: dg, sem: sem, base: base, info: make([]pgInfo, len(sem.items)), outs: map[int32]*pgOutInfo{}}
	for i := range sem.items {
		k.item(int32(i))
	}
	for i := range sem.names {
		k.name(&sem.names[i])
	}
	if sem.ins != nil {
		k.insert(sem.ins)
	}
	for i := range sem.cols {
		k.column(&sem.cols[i])
	}
}

func (k *pgChecker) rng(r Range) Range {
	return Range{Start: r.Start + k.base, End: r.End + k.base}
}

func (k *pgChecker) written(r Range) string {
	a := k.rng(r)
	return k.dg.text[a.Start:a.End]
}

// item resolves FROM item i (once).
func (k *pgChecker) item(i int32) *pgInfo {
	inf := &k.info[i]
	if inf.done {
		return inf
	}
	inf.done = true
	it := &k.sem.items[i]
	switch it.kind {
	case itemRel:
		if it.copyOf >= 0 {
			t := k.item(it.copyOf)
			inf.cols, inf.known, inf.rel = t.cols, t.known, t.rel
		} else {
			k.resolve(it, inf)
		}
	case itemSub:
		if o := k.output(it.sub); o.known {
			inf.cols, inf.known = o.cols, true
		}
	}
	if len(it.cols) > 0 {
		if !inf.known || len(it.cols) > len(inf.cols) {
			inf.cols, inf.known = it.cols, false
		} else {
			cols := append([]string(nil), inf.cols...)
			copy(cols, it.cols)
			inf.cols = cols
		}
	}
	return inf
}

// resolve finds what a FROM name stands for, reporting it unknown when it
// is surely nothing.
func (k *pgChecker) resolve(it *pgItem, inf *pgInfo) {
	dg := k.dg
	if it.catalog != "" {
		return // another database: not in the snapshot
	}
	if it.schema == "" {
		if cte := k.findCTE(it.level, it.name); cte != nil {
			if cte.level < 0 {
				return
			}
			o := k.output(cte.level)
			if len(cte.cols) > 0 {
				if o.known && len(cte.cols) <= len(o.cols) {
					cols := append([]string(nil), o.cols...)
					copy(cols, cte.cols)
					inf.cols, inf.known = cols, true
				}
				return
			}
			inf.cols, inf.known = o.cols, o.known
			return
		}
	}
	cands := dg.doc.named(it.name)
	for j := len(cands) - 1; j >= 0; j-- {
		r := cands[j]
		if r.written == it.name && (it.schema == "" || r.schema == "" || r.schema == it.schema) {
			inf.rel = r
			inf.cols, inf.known = columnNames(r.columns), len(r.columns) > 0 && r.srcs == nil && !r.partial
			return
		}
	}
	var sc *schema.Schema
	if it.schema != "" {
		if sc = dg.ix.lookupSchema(it.schema, true); sc == nil {
			return // a system schema or one the snapshot leaves out
		}
	}
	if e, ok := dg.ix.lookupRel(sc, it.name, true); ok {
		r := e.relation()
		inf.rel = r
		inf.cols = columnNames(r.columns)
		inf.known = len(r.columns) > 0 && !(r.table != nil && dg.docNames[alteredKey+strings.ToLower(r.table.Name)])
		return
	}
	if k.isSequence(sc, it.name) || k.implicitSequence(it.name) {
		return // a sequence reads as a one-row table
	}
	if it.rng.Start < 0 || dg.docNames[strings.ToLower(it.name)] && !k.otherCase(it.name) || it.schema == "" && systemName(Postgres, it.name) {
		return
	}
	dg.add(k.rng(it.rng), SeverityWarning, CodeUnknownTab, "unknown table "+k.written(it.rng))
}

// isSequence reports a sequence of the snapshot named name, in schema sc
// or, without one, in any schema.
func (k *pgChecker) isSequence(sc *schema.Schema, name string) bool {
	snap := k.dg.x.Snapshot()
	if snap == nil {
		return false
	}
	for i := range snap.Schemas {
		s := &snap.Schemas[i]
		if sc != nil && s.Name != sc.Name {
			continue
		}
		for _, q := range s.Sequences {
			if q.Name == name {
				return true
			}
		}
	}
	return false
}

// implicitSequence reports the sequence a serial or identity column of
// a table the document creates makes: table_column_seq.
func (k *pgChecker) implicitSequence(name string) bool {
	base, ok := strings.CutSuffix(name, "_seq")
	if !ok {
		return false
	}
	for i := 1; i < len(base)-1; i++ {
		if base[i] != '_' {
			continue
		}
		for _, r := range k.dg.doc.named(base[:i]) {
			if r.written == base[:i] && hasName(columnNames(r.columns), base[i+1:]) {
				return true
			}
		}
	}
	return false
}

func columnNames(cols []schema.Column) []string {
	out := make([]string, len(cols))
	for i := range cols {
		out[i] = cols[i].Name
	}
	return out
}

// findCTE finds a CTE visible from level l.
func (k *pgChecker) findCTE(l int32, name string) *pgCTE {
	from := int32(-1)
	for ; l >= 0; from, l = l, k.sem.levels[l].nameParent {
		lv := &k.sem.levels[l]
		ctes := lv.ctes
		if !lv.recursive {
			// From the body of one of them, only those before it.
			for j := range ctes {
				if ctes[j].level == from {
					ctes = ctes[:j]
					break
				}
			}
		}
		for j := len(ctes) - 1; j >= 0; j-- {
			if ctes[j].name == name {
				return &ctes[j]
			}
		}
	}
	return nil
}

// output computes the output columns of level l.
func (k *pgChecker) output(l int32) *pgOutInfo {
	if o := k.outs[l]; o != nil {
		if o.busy {
			return &pgOutInfo{} // a recursive reference: not known
		}
		return o
	}
	o := &pgOutInfo{busy: true}
	k.outs[l] = o
	lv := &k.sem.levels[l]
	o.known = true
	switch {
	case lv.outUnknown:
		o.known = false
	case lv.setLeft >= 0:
		left := k.output(lv.setLeft)
		o.cols, o.known = left.cols, left.known
	case lv.values >= 0:
		for n := int32(1); n <= lv.values; n++ {
			o.cols = append(o.cols, fmt.Sprintf("column%d", n))
		}
	default:
		for _, out := range lv.out {
			if !k.addOutput(o, lv, out) {
				o.known = false
				break
			}
		}
	}
	if !o.known {
		o.cols = nil
	}
	o.busy = false
	return o
}

// addOutput adds the columns one select-list item makes.
func (k *pgChecker) addOutput(o *pgOutInfo, lv *pgLevel, out pgOut) bool {
	switch {
	case out.unknown:
		return false
	case !out.star:
		o.cols = append(o.cols, out.name)
		return true
	case out.qual != "":
		for _, i := range lv.items {
			if k.sem.items[i].refName() == out.qual {
				inf := k.item(i)
				o.cols = append(o.cols, inf.cols...)
				return inf.known
			}
		}
		return false
	}
	if lv.natural || len(lv.using) > 0 || lv.opaque {
		return false // merged join columns come first: not modelled
	}
	for _, i := range lv.items {
		inf := k.item(i)
		if !inf.known {
			return false
		}
		o.cols = append(o.cols, inf.cols...)
	}
	return true
}

// name checks a column named for a target: INSERT's list, SET.
func (k *pgChecker) name(n *pgName) {
	inf := k.item(n.item)
	if !inf.known || inf.rel == nil || hasName(inf.cols, n.name) {
		return
	}
	k.dg.add(k.rng(n.rng), SeverityWarning, CodeUnknownCol,
		fmt.Sprintf("unknown column %s in %s", k.written(n.rng), inf.rel.display()))
}

// insert checks the value count of each row against the column list or,
// without one, the table (PostgreSQL fills missing trailing columns with
// their defaults, so only more values than columns is wrong).
func (k *pgChecker) insert(ins *pgInsert) {
	if ins.query {
		k.insertSelect(ins)
		return
	}
	want := ins.listed
	if want < 0 {
		inf := k.item(ins.target)
		if !inf.known || inf.rel == nil || inf.rel.table == nil && inf.rel.kind != relDoc {
			return
		}
		for _, c := range inf.rel.columns {
			if c.Generated != nil {
				return
			}
		}
		want = int32(len(inf.cols))
	}
	for _, r := range ins.rows {
		if r.n == want || ins.listed < 0 && r.n < want {
			continue
		}
		k.dg.add(k.rng(r.rng), SeverityError, CodeInsertArity, fmt.Sprintf("INSERT has %d values for %d columns", r.n, want))
	}
}

// insertSelect checks INSERT … SELECT: as many items as listed columns
// or, without a list, no more than the table has; PostgreSQL's own
// messages, on the first item or column too many.
func (k *pgChecker) insertSelect(ins *pgInsert) {
	n := len(ins.exprs)
	switch {
	case ins.listed >= 0 && n > len(ins.targets):
		r := ins.exprs[len(ins.targets)]
		k.dg.add(k.rng(r), SeverityError, CodeInsertArity, "INSERT has more expressions than target columns")
	case ins.listed >= 0 && n < len(ins.targets):
		r := ins.targets[n]
		k.dg.add(k.rng(r), SeverityError, CodeInsertArity, "INSERT has more target columns than expressions")
	case ins.listed < 0:
		inf := k.item(ins.target)
		if !inf.known || inf.rel == nil || inf.rel.table == nil && inf.rel.kind != relDoc || n <= len(inf.cols) {
			return
		}
		r := ins.exprs[len(inf.cols)]
		k.dg.add(k.rng(r), SeverityError, CodeInsertArity, "INSERT has more expressions than target columns")
	}
}

func hasName(cols []string, name string) bool {
	for _, c := range cols {
		if c == name {
			return true
		}
	}
	return false
}

// pgSystemColumns are the system columns every table has.
var pgSystemColumns = map[string]bool{"ctid": true, "xmin": true, "xmax": true, "cmin": true, "cmax": true, "tableoid": true, "oid": true}

// visible are the items of level l a reference of c sees.
func (k *pgChecker) visible(c *pgCol, l int32) []int32 {
	items := k.sem.levels[l].items
	if l != c.level || c.hi < 0 {
		return items
	}
	lo, hi := int(c.lo), int(c.hi)
	if hi > len(items) || lo > hi {
		return items
	}
	return items[lo:hi]
}

// column checks one column reference.
func (k *pgChecker) column(c *pgCol) {
	last := c.fields[len(c.fields)-1]
	switch {
	case len(c.fields) == 1 && last != "":
		k.unqualified(c, last)
	case len(c.fields) == 2:
		k.qualified(c, c.fields[0], last)
	}
}

func (k *pgChecker) unqualified(c *pgCol, name string) {
	sem := k.sem
	for l := c.level; l >= 0; l = sem.levels[l].colParent {
		lv := &sem.levels[l]
		if c.aliasOK && l == c.level {
			o := k.output(l)
			if !o.known || hasName(o.cols, name) {
				return
			}
		}
		unsure := lv.opaque
		var found []int32
		for _, i := range k.visible(c, l) {
			inf := k.item(i)
			if !inf.known {
				unsure = true
				continue
			}
			if hasName(inf.cols, name) {
				found = append(found, i)
			}
		}
		if len(found) >= 2 && l == c.level && !lv.natural && !hasName(lv.using, name) {
			var names []string
			for _, i := range found {
				names = append(names, k.display(i))
			}
			k.dg.add(k.rng(c.rng), SeverityWarning, CodeAmbiguous,
				fmt.Sprintf("column %s is ambiguous: it is in %s", k.written(c.rng), strings.Join(names, " and ")))
			return
		}
		if len(found) > 0 || unsure {
			return
		}
	}
	if pgSystemColumns[name] {
		return
	}
	// A relation's own name stands for its whole row.
	for l := c.level; l >= 0; l = sem.levels[l].colParent {
		for _, i := range sem.levels[l].items {
			if sem.items[i].refName() == name {
				return
			}
		}
	}
	k.dg.add(k.rng(c.rng), SeverityWarning, CodeUnknownCol, "unknown column "+k.written(c.rng))
}

// display names item i for messages.
func (k *pgChecker) display(i int32) string {
	it := &k.sem.items[i]
	if n := it.refName(); n != "" {
		return n
	}
	return "subquery"
}

func (k *pgChecker) qualified(c *pgCol, qual, name string) {
	sem := k.sem
	for l := c.level; l >= 0; l = sem.levels[l].colParent {
		lv := &sem.levels[l]
		vis := k.visible(c, l)
		for _, i := range vis {
			if sem.items[i].refName() != qual {
				continue
			}
			inf := k.item(i)
			if name == "" || !inf.known || hasName(inf.cols, name) || pgSystemColumns[name] || k.isFunction(name) {
				return // known, or t.f: a function f called on t's row
			}
			k.dg.add(k.rng(c.rng), SeverityWarning, CodeUnknownCol,
				fmt.Sprintf("unknown column %s in %s", k.written(c.rng), k.display(i)))
			return
		}
		if len(vis) != len(lv.items) {
			for _, i := range lv.items {
				if sem.items[i].refName() == qual {
					k.dg.add(k.rng(c.qrng), SeverityWarning, CodeUnknownTab,
						fmt.Sprintf("invalid reference to FROM-clause entry for table %s: it is not joined yet here", k.written(c.qrng)))
					return
				}
			}
		}
		if lv.refUnknown {
			return
		}
	}
	for l := c.level; l >= 0; l = sem.levels[l].colParent {
		for _, i := range sem.levels[l].items {
			if it := &sem.items[i]; it.kind == itemRel && it.hasAlias && it.name == qual {
				k.dg.add(k.rng(c.qrng), SeverityWarning, CodeUnknownTab,
					fmt.Sprintf("invalid reference to FROM-clause entry for table %s: use its alias %s", k.written(c.qrng), it.alias))
				return
			}
		}
	}
	k.dg.add(k.rng(c.qrng), SeverityWarning, CodeUnknownTab,
		fmt.Sprintf("missing FROM-clause entry for table %s", k.written(c.qrng)))
}

// isFunction reports a function of that name, built in or in the
// snapshot.
func (k *pgChecker) isFunction(name string) bool {
	ix := k.dg.ix
	if k.dg.docNames[functionKey+strings.ToLower(name)] {
		return true // created by the document
	}
	for _, rr := range ix.routineRefs {
		if rr.r.Name == name {
			return true
		}
	}
	for _, b := range ix.builtins {
		if strings.EqualFold(b.name, name) {
			return true
		}
	}
	return false
}

// otherCase reports that the document creates relations whose names
// differ from name only in case, and none of exactly that name: the
// name is then surely a misspelling of theirs.
func (k *pgChecker) otherCase(name string) bool {
	cands := k.dg.doc.named(name)
	for _, r := range cands {
		if r.written == name {
			return false
		}
	}
	return len(cands) > 0
}

// functionKey prefixes, in docNames, the functions the document creates
// (a byte no name holds keeps them apart from names).
const functionKey = "\x00function:"

// createdFunction is the lower-cased name (without schema) of the
// function or procedure a CREATE statement makes, or "".
func createdFunction(p *parser) string {
	i := 1
	if p.word(i) == "OR" && p.word(i+1) == "REPLACE" {
		i += 2
	}
	if w := p.word(i); w != "FUNCTION" && w != "PROCEDURE" {
		return ""
	}
	i++
	for p.isName(i) && p.punct(i+1, ".") {
		i += 2
	}
	if !p.isName(i) {
		return ""
	}
	n, _ := p.name(i)
	return strings.ToLower(n)
}
