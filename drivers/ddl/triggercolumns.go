package ddl

// TriggerColumnPinner is a Renderer's companion for engines that refuse to
// change a column's type while a trigger names the column (PostgreSQL: a
// trigger's UPDATE OF list or WHEN condition records a dependency on the
// column, and ALTER COLUMN … TYPE fails on it). Diff then drops such
// triggers before the change and creates them again after.
type TriggerColumnPinner interface {
	TriggersPinColumns() bool
}

// TriggerColumnRecorder is a TriggerColumnPinner's companion for engines
// whose snapshots list, in schema.Trigger.Columns, every column each
// trigger depends on (PostgreSQL: pg_depend): diff then reads which
// triggers a column change needs from there, not from the definition's
// text (where a column named like a keyword, "update", matches every
// UPDATE trigger).
type TriggerColumnRecorder interface {
	TriggerColumnsRecorded() bool
}
