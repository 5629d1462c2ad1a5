package mysql

import (
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

var _ ddl.GeneratedNamer = Driver{}

// GeneratedName implements ddl.GeneratedNamer. InnoDB names a foreign key
// written without CONSTRAINT <table>_ibfk_<n>, n one more than the table's
// highest such n: re-adding one may give it another number.
func (Driver) GeneratedName(kind, table, name string) bool {
	if kind != "constraint" {
		return false
	}
	prefix := table + "_ibfk_"
	if len(name) <= len(prefix) || !strings.EqualFold(name[:len(prefix)], prefix) {
		return false
	}
	for _, c := range name[len(prefix):] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// unnamedInSource reports whether the source wrote fk without a name: its
// name is generated and the index InnoDB made for it is named after its
// first column (a named constraint's index takes the constraint's name,
// which the normalizer hides). Added again without a name, it gets that
// index back, where adding it by name would make one named after it, and
// the source and target would differ until a second sync.
func (r renderer) unnamedInSource(fk *schema.ForeignKey) bool {
	if r.desired == nil || len(fk.Columns) == 0 || !(Driver{}).GeneratedName("constraint", r.name, fk.Name) {
		return false
	}
	for _, ix := range r.desired.Indexes {
		if !strings.EqualFold(ix.Name, fk.Columns[0]) || len(ix.Columns) != len(fk.Columns) {
			continue
		}
		same := true
		for i, c := range ix.Columns {
			same = same && strings.EqualFold(c.Name, fk.Columns[i])
		}
		if same {
			return true
		}
	}
	return false
}
