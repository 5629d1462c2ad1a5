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

// TableCount is the number of tables over all schemas.
func (s *Snapshot) TableCount() int {
	n := 0
	for _, sc := range s.Schemas {
		n += len(sc.Tables)
	}
	return n
}
