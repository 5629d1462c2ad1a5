package schema

// Lookups are exact, case-sensitive matches on the names the catalog
// reports. Case folding is a dialect rule and belongs to the caller.

// Schema returns the schema with the given name, or nil.
func (s *Snapshot) Schema(name string) *Schema {
	for i := range s.Schemas {
		if s.Schemas[i].Name == name {
			return &s.Schemas[i]
		}
	}
	return nil
}

// Table returns the table with the given name, or nil.
func (sc *Schema) Table(name string) *Table {
	for i := range sc.Tables {
		if sc.Tables[i].Name == name {
			return &sc.Tables[i]
		}
	}
	return nil
}

// View returns the view with the given name, or nil.
func (sc *Schema) View(name string) *View {
	for i := range sc.Views {
		if sc.Views[i].Name == name {
			return &sc.Views[i]
		}
	}
	return nil
}

// Column returns the column with the given name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// RowKeys lists the column sets that name one row of t, in this order:
// the primary key (when there is one), the unique constraints, and the
// unique indexes on whole columns without a predicate.
func (t *Table) RowKeys() [][]string {
	var keys [][]string
	if t.PrimaryKey != nil {
		keys = append(keys, t.PrimaryKey.Columns)
	}
	for _, u := range t.Uniques {
		keys = append(keys, u.Columns)
	}
indexes:
	for _, ix := range t.Indexes {
		if !ix.Unique || ix.Where != "" {
			continue
		}
		var names []string
		for _, ic := range ix.Columns {
			if ic.Name == "" || ic.Length > 0 {
				continue indexes
			}
			names = append(names, ic.Name)
		}
		keys = append(keys, names)
	}
	return keys
}

// TableCount is the number of tables over all schemas.
func (s *Snapshot) TableCount() int {
	n := 0
	for _, sc := range s.Schemas {
		n += len(sc.Tables)
	}
	return n
}
