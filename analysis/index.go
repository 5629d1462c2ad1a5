package analysis

// The per-snapshot index: name lookups and the precomputed completion
// items of every table and view, built once per snapshot (snapshots are
// immutable) so that completion on a catalog of thousands of tables stays
// within a couple of milliseconds. It lives on an Index, held by whoever
// holds the snapshot, and is dropped with it.

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dbls/dbls/drivers/schema"
)

// relEntry is a table or view of the snapshot.
type relEntry struct {
	sc *schema.Schema
	t  *schema.Table
	v  *schema.View
}

func (e relEntry) name() string {
	if e.t != nil {
		return e.t.Name
	}
	return e.v.Name
}

func (e relEntry) relation() *relation {
	r := &relation{schema: e.sc.Name, name: e.sc.Name + "." + e.name(), table: e.t, view: e.v}
	if e.t != nil {
		r.columns = e.t.Columns
	} else {
		r.columns = e.v.Columns
	}
	return r
}

// relItem is a table or view ready to be offered.
type relItem struct {
	lowerName, lowerSchema string
	lowerLabel             string // the order of items
	qualified              bool
	schemaName, name, kind string
	detail                 string
	// table is the item where a table name goes, expr where an
	// expression goes (ranked last); both unquoted-prefix variants.
	table, expr CompletionItem
}

// itemLists holds every relation's item, in the order of snapIndex.items,
// so that an empty prefix is answered by one copy.
type itemLists struct {
	table, expr []CompletionItem
}

type snapIndex struct {
	d        Dialect
	inPath   map[string]bool
	pathRank map[string]int
	schemas  map[string][]*schema.Schema // lower-cased name
	rels     map[string][]relEntry       // lower-cased name, search path first
	items    []relItem                   // sorted: unqualified first, then by label
	all      itemLists
	// routineRefs are the snapshot's routines, search-path schemas first;
	// builtins the dialect's built-in functions.
	routineRefs []routineRef
	builtins    []builtin
	// schemaList is every schema, sorted by name.
	schemaList []*schema.Schema
	// nUnq is how many items are unqualified (they come first, sorted by
	// lower-cased name); qualByName indexes the qualified ones by
	// lower-cased name, so that a prefix finds its items by binary search.
	nUnq       int
	qualByName []int32
	// fnItems are the items of every function (allFunctions).
	fnOnce  sync.Once
	fnItems []CompletionItem
}

// Index is what analysis derives from one snapshot: its name lookups and
// the precomputed completion items of every table and view, per dialect.
// Snapshots are immutable, so an Index is built once per snapshot — the
// holder of the snapshot (the language server's snapshot cache) makes it
// when the snapshot lands and drops it with the snapshot; nothing else
// keeps it. The index of a dialect is built by its first user: callers
// arriving meanwhile (diagnostics and completion right after a snapshot
// lands) wait for it instead of building their own.
//
// A nil *Index stands for no snapshot: keywords and built-in functions
// only. An Index is safe for concurrent use.
type Index struct {
	snap *schema.Snapshot

	mu sync.Mutex
	by map[Dialect]*lazyIndex
	// engine is the SQLite engine database (sqlite_engine.go).
	engine lazyEngine
}

// lazyIndex is the index of one dialect, built on first use.
type lazyIndex struct {
	once sync.Once
	ix   *snapIndex
}

// NewIndex returns the index of snap (nil for a nil snapshot). It is
// cheap: the lookups are built on first use.
func NewIndex(snap *schema.Snapshot) *Index {
	if snap == nil {
		return nil
	}
	return &Index{snap: snap, by: map[Dialect]*lazyIndex{}}
}

// Snapshot is the snapshot the index was made from; nil for a nil Index.
func (x *Index) Snapshot() *schema.Snapshot {
	if x == nil {
		return nil
	}
	return x.snap
}

// Prepare builds the lookups of dialect d now instead of on first use, so
// that a caller can choose when that cost is paid (a warm start pays it
// with the collector paused, before its first request).
func (x *Index) Prepare(d Dialect) {
	if x != nil {
		x.of(d)
	}
}

// of returns the lookups for dialect d, building them once. A nil Index
// gives those of an empty catalog (cheap: the dialect's built-ins).
func (x *Index) of(d Dialect) *snapIndex {
	if x == nil {
		return buildIndex(&schema.Snapshot{}, d)
	}
	x.mu.Lock()
	l := x.by[d]
	if l == nil {
		l = &lazyIndex{}
		x.by[d] = l
	}
	x.mu.Unlock()
	l.once.Do(func() { l.ix = buildIndex(x.snap, d) })
	return l.ix
}

func buildIndex(snap *schema.Snapshot, d Dialect) *snapIndex {
	ix := &snapIndex{d: d, inPath: searchPath(snap), pathRank: map[string]int{},
		schemas: map[string][]*schema.Schema{}, rels: map[string][]relEntry{}}
	rank := 0
	for _, s := range append([]string{snap.DefaultSchema}, snap.SearchPath...) {
		if _, ok := ix.pathRank[s]; !ok && s != "" {
			ix.pathRank[s] = rank
			rank++
		}
	}
	for s := range ix.inPath {
		if _, ok := ix.pathRank[s]; !ok {
			ix.pathRank[s] = rank
			rank++
		}
	}
	// Schemas in search-path order first, so that lookups and shadowing
	// follow the path.
	order := make([]*schema.Schema, 0, len(snap.Schemas))
	for i := range snap.Schemas {
		order = append(order, &snap.Schemas[i])
	}
	slices.SortStableFunc(order, func(a, b *schema.Schema) int {
		ra, oka := ix.pathRank[a.Name]
		rb, okb := ix.pathRank[b.Name]
		switch {
		case oka && okb:
			return ra - rb
		case oka:
			return -1
		case okb:
			return 1
		}
		return 0
	})
	n := 0
	for _, sc := range order {
		n += len(sc.Tables) + len(sc.Views)
	}
	ix.items = make([]relItem, 0, n)
	ix.rels = make(map[string][]relEntry, n)
	// A name's first entry is cut from one array (most names have one).
	firsts := make([]relEntry, 0, n)
	visible := make(map[string]bool, n) // unqualified labels taken
	for _, sc := range order {
		ls := strings.ToLower(sc.Name)
		ix.schemas[ls] = append(ix.schemas[ls], sc)
		in := ix.inPath[sc.Name]
		add := func(e relEntry, kind, detail string) {
			n := e.name()
			ln := strings.ToLower(n)
			if prev, ok := ix.rels[ln]; ok {
				ix.rels[ln] = append(prev, e)
			} else {
				firsts = append(firsts, e)
				ix.rels[ln] = firsts[len(firsts)-1 : len(firsts) : len(firsts)]
			}
			qualified := !in || visible[n]
			if !qualified {
				visible[n] = true
			}
			it := relItem{lowerName: ln, lowerSchema: ls, qualified: qualified, schemaName: sc.Name, name: n, kind: kind, detail: detail}
			label, insert := n, identFor(d, n, false)
			if qualified {
				label = sc.Name + "." + n
				insert = identFor(d, sc.Name, false) + "." + identFor(d, n, false)
			}
			it.lowerLabel = ln
			if qualified {
				it.lowerLabel = strings.ToLower(label)
			}
			it.table = CompletionItem{Label: label, Kind: kind, Detail: detail, InsertText: insert}
			it.expr = it.table
			ix.items = append(ix.items, it)
		}
		for i := range sc.Tables {
			t := &sc.Tables[i]
			add(relEntry{sc: sc, t: t}, KindTable, tableDetail(sc.Name, t))
		}
		for i := range sc.Views {
			v := &sc.Views[i]
			add(relEntry{sc: sc, v: v}, KindView, viewDetail(sc.Name, v))
		}
		for i := range sc.Routines {
			rr := routineRef{sc: sc, r: &sc.Routines[i]}
			if !in {
				rr.qualifier = sc.Name
			}
			ix.routineRefs = append(ix.routineRefs, rr)
		}
	}
	ix.builtins = builtinList(d)
	ix.schemaList = slices.Clone(order)
	slices.SortFunc(ix.schemaList, func(a, b *schema.Schema) int { return strings.Compare(a.Name, b.Name) })
	slices.SortStableFunc(ix.items, func(a, b relItem) int {
		if a.qualified != b.qualified {
			if a.qualified {
				return 1
			}
			return -1
		}
		return strings.Compare(a.lowerLabel, b.lowerLabel)
	})
	for i := range ix.items {
		if ix.items[i].qualified {
			ix.qualByName = append(ix.qualByName, int32(i))
		} else {
			ix.nUnq = i + 1
		}
	}
	slices.SortStableFunc(ix.qualByName, func(a, b int32) int {
		return strings.Compare(ix.items[a].lowerName, ix.items[b].lowerName)
	})
	ix.all.table = make([]CompletionItem, 0, len(ix.items))
	ix.all.expr = make([]CompletionItem, 0, len(ix.items))
	for i := range ix.items {
		it := &ix.items[i]
		// Both sort texts in one allocation.
		tp := sortPrefix(rankTables)
		both := tp + it.lowerLabel + sortPrefix(rankExprTables) + it.lowerLabel
		n := len(tp) + len(it.lowerLabel)
		it.table.SortText, it.expr.SortText = both[:n], both[n:]
		ix.all.table = append(ix.all.table, it.table)
		ix.all.expr = append(ix.all.expr, it.expr)
	}
	return ix
}

// lookupSchema finds a schema by a name as written.
func (ix *snapIndex) lookupSchema(name string, quoted bool) *schema.Schema {
	cands := ix.schemas[strings.ToLower(name)]
	for _, sc := range cands {
		if sc.Name == name || !quoted && sc.Name == foldName(ix.d, name, false) {
			return sc
		}
	}
	if quoted && strictCase(ix.d) {
		return nil
	}
	if len(cands) > 0 {
		return cands[0]
	}
	return nil
}

// lookupRel resolves a table or view name as written, in schema sc when
// it is not nil, else along the search path, else in any schema.
func (ix *snapIndex) lookupRel(sc *schema.Schema, name string, quoted bool) (relEntry, bool) {
	cands := ix.rels[strings.ToLower(name)]
	want := foldName(ix.d, name, quoted)
	for pass := 0; pass < 2; pass++ {
		if pass == 1 && quoted && strictCase(ix.d) {
			break
		}
		for _, e := range cands {
			if sc != nil && e.sc != sc {
				continue
			}
			if pass == 0 && e.name() != want && e.name() != name {
				continue
			}
			return e, true
		}
	}
	return relEntry{}, false
}

// strictCase reports whether a quoted name must match exactly: PostgreSQL
// (and standard SQL); MySQL and SQLite compare names case-insensitively.
func strictCase(d Dialect) bool { return d != MySQL && d != SQLite }

// foldName is how the dialect reads a name: PostgreSQL folds unquoted
// names to lower case.
func foldName(d Dialect, name string, quoted bool) string {
	if !quoted && strictCase(d) {
		return strings.ToLower(name)
	}
	return name
}

// sameName reports whether a name written (quoted or not) designates a
// name held in canonical form.
func sameName(d Dialect, canonical, written string, quoted bool) bool {
	if canonical == foldName(d, written, quoted) || canonical == written {
		return true
	}
	if quoted && strictCase(d) {
		return false
	}
	return strings.EqualFold(canonical, written)
}

func identFor(d Dialect, name string, quoted bool) string {
	if quoted || needsQuote(d, name) {
		return quoteIdent(d, name)
	}
	return name
}

// matching lists, in the order of items, the indices of the items whose
// name, or (qualified ones) schema, starts with the lower-cased prefix;
// at most limit of them when limit > 0, and whether there were more. It
// costs binary searches and the matches, not a pass over the catalog.
func (ix *snapIndex) matching(prefix string, limit int) (out []int, more bool) {
	full := func() bool { return limit > 0 && len(out) >= limit }
	unq := ix.items[:ix.nUnq]
	for i := sort.Search(len(unq), func(i int) bool { return unq[i].lowerName >= prefix }); i < len(unq) && strings.HasPrefix(unq[i].lowerName, prefix); i++ {
		if full() {
			return out, true
		}
		out = append(out, i)
	}
	// Qualified items: a contiguous run by label (schema.name) for the
	// schema, scattered ones by name; merged in item order.
	q := ix.items[ix.nUnq:]
	var scattered []int
	qn := ix.qualByName
	for k := sort.Search(len(qn), func(k int) bool { return ix.items[qn[k]].lowerName >= prefix }); k < len(qn) && strings.HasPrefix(ix.items[qn[k]].lowerName, prefix); k++ {
		scattered = append(scattered, int(qn[k]))
	}
	slices.Sort(scattered)
	// (prefix has no "."; a label starts with it when its schema does.)
	lo := sort.Search(len(q), func(i int) bool { return q[i].lowerLabel >= prefix })
	run := lo
	for run < len(q) && strings.HasPrefix(q[run].lowerLabel, prefix) {
		run++
	}
	a, b := ix.nUnq+lo, ix.nUnq+run // the run, as item indices
	for i, k := a, 0; i < b || k < len(scattered); {
		var next int
		switch {
		case k < len(scattered) && (i >= b || scattered[k] < i):
			next = scattered[k]
			k++
		case k < len(scattered) && scattered[k] == i:
			next = i
			i++
			k++
		default:
			next = i
			i++
		}
		if full() {
			return out, true
		}
		out = append(out, next)
	}
	return out, false
}
