package ddl

// TriggerColumnPinner is a Renderer's companion for engines that refuse to
// change a column's type while a trigger names the column (PostgreSQL: a
// trigger's UPDATE OF list or WHEN condition records a dependency on the
// column, and ALTER COLUMN … TYPE fails on it). Diff then drops such
// triggers before the change and creates them again after.
type TriggerColumnPinner interface {
	TriggersPinColumns() bool
}
