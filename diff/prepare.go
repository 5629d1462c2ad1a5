package diff

import (
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// engine bundles what Compare learns from the target's renderer.
type engine struct {
	r      ddl.Renderer
	namer  ddl.Namer
	inline bool // foreign keys go inside CREATE TABLE
}

func newEngine(r ddl.Renderer) engine {
	e := engine{r: r}
	e.namer, _ = r.(ddl.Namer)
	if f, ok := r.(ddl.InlineForeignKeys); ok {
		e.inline = f.InlineForeignKeys()
	}
	return e
}

// key is the name under which objects of a kind are matched.
func (e engine) key(kind, name string) string {
	if e.namer == nil {
		return name
	}
	return e.namer.NameKey(kind, name)
}

// prepare clones and normalizes both snapshots so that Compare can read
// them freely without touching the caller's values.
func (e engine) prepare(s *schema.Snapshot) *schema.Snapshot {
	c := s.Clone()
	if n, ok := e.r.(ddl.Normalizer); ok {
		n.NormalizeForDiff(c)
	}
	c.Normalize()
	return c
}

// prepareBoth prepares source and target at once: on a large catalog the
// clones and normalization are most of Compare's time.
func (e engine) prepareBoth(source, target *schema.Snapshot) (*schema.Snapshot, *schema.Snapshot) {
	var src *schema.Snapshot
	done := make(chan struct{})
	go func() {
		defer close(done)
		src = e.prepare(source)
	}()
	dst := e.prepare(target)
	<-done
	return src, dst
}

// schemaPairs maps each selected source schema to its target schema name.
func schemaPairs(src, dst *schema.Snapshot, opts Options) [][2]string {
	var pairs [][2]string
	for _, sc := range src.Schemas {
		if len(opts.Schemas) > 0 && !contains(opts.Schemas, sc.Name) {
			continue
		}
		pairs = append(pairs, [2]string{sc.Name, mapSchema(sc.Name, src, dst, opts)})
	}
	return pairs
}

func mapSchema(name string, src, dst *schema.Snapshot, opts Options) string {
	if t, ok := opts.SchemaMap[name]; ok {
		return t
	}
	if name == src.DefaultSchema && dst.DefaultSchema != "" {
		return dst.DefaultSchema
	}
	return name
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// squash collapses whitespace runs and trims a trailing semicolon, so that
// definitions stored as written (SQLite views and triggers) compare by
// content, not layout.
func squash(s string) string {
	if !strings.ContainsAny(s, "\t\n\r;") && !strings.Contains(s, "  ") &&
		!strings.HasPrefix(s, " ") && !strings.HasSuffix(s, " ") {
		return s // already squashed: most expressions are, and this runs per check
	}
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ";")
	return strings.Join(strings.Fields(s), " ")
}
