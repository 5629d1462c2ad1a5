package diff

import (
	"fmt"

	"github.com/dbls/dbls/drivers/schema"
)

// unsyncedNotes lists the objects of a kind dbls does not sync
// (schema.Unsynced) that differ between the source's and the target's
// list: present on one side only, or defined otherwise. The plan leaves
// them alone; the note says so, so that a clone that lacks them is never
// taken for a complete one. in is the target schema's name, "" for
// database-wide objects.
func unsyncedNotes(in string, src, dst []schema.Unsynced) []string {
	type key struct{ kind, name string }
	index := func(us []schema.Unsynced) map[key]string {
		m := make(map[key]string, len(us))
		for _, u := range us {
			m[key{u.Kind, u.Name}] = u.Definition
		}
		return m
	}
	a, b := index(src), index(dst)
	qualified := func(u schema.Unsynced) string {
		if in == "" {
			return u.Name
		}
		return in + "." + u.Name
	}
	// A short definition says what to create (an inheritance's parents).
	name := func(u schema.Unsynced) string {
		if u.Definition != "" && len(u.Definition) <= 100 {
			return qualified(u) + " (" + u.Definition + ")"
		}
		return qualified(u)
	}
	var notes []string
	for _, u := range src {
		def, ok := b[key{u.Kind, u.Name}]
		switch {
		case !ok:
			notes = append(notes, fmt.Sprintf("%s %s exists only in the source: dbls does not sync this kind of object; create it by hand", u.Kind, name(u)))
		case def != u.Definition:
			notes = append(notes, fmt.Sprintf("%s %s differs (source: %s; target: %s): dbls does not sync this kind of object", u.Kind, qualified(u), u.Definition, def))
		}
	}
	for _, u := range dst {
		if _, ok := a[key{u.Kind, u.Name}]; !ok {
			notes = append(notes, fmt.Sprintf("%s %s exists only in the target: dbls does not sync this kind of object and leaves it", u.Kind, name(u)))
		}
	}
	return notes
}
